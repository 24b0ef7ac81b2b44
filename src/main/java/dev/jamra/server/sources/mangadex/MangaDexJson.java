package dev.jamra.server.sources.mangadex;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.SearchResult;
import dev.jamra.server.sources.SourceException;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads the API's answers: manga entities (titles and descriptions are maps by language, with alternative titles
 * beside them), their {@code cover_art}, {@code author} and {@code artist} relationships, chapter entities with
 * their {@code scanlation_group} relationships, and the at-home server's answer. A relationship carries its
 * {@code attributes} only when the request asked for it with {@code includes[]}. Missing or mistyped fields read as
 * absent, never as a crash.
 */
final class MangaDexJson {
    /** What a chapter without a number (a oneshot) is numbered, and sorted as. */
    static final String ONESHOT_NUMBER = "0";

    private MangaDexJson() {
    }

    /** A feed entry: the chapter as listed, its language, and why it cannot be read here ({@code null} if it can). */
    record FeedChapter(Chapter chapter, String language, BigDecimal sortKey, String unreadable) {
    }

    /** The at-home server's answer: the page URLs are {@code baseUrl/<quality>/hash/<file>}. */
    record AtHome(String baseUrl, String hash, List<String> files) {
        List<String> urls(boolean dataSaver) {
            String quality = dataSaver ? "data-saver" : "data";
            return files.stream().map(file -> baseUrl + "/" + quality + "/" + hash + "/" + file).toList();
        }
    }

    static List<JsonObject> data(JsonObject answer) {
        JsonValue data = answer.get("data");
        if (data == null || data.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new SourceException("MangaDex answered without a list of results");
        }
        return data.asJsonArray().stream()
                .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .toList();
    }

    static JsonObject entity(JsonObject answer) {
        JsonObject data = object(answer, "data");
        if (data == null || string(data, "id") == null) {
            throw new SourceException("MangaDex answered without the entity asked for");
        }
        return data;
    }

    static int number(JsonObject json, String name, int otherwise) {
        JsonValue value = json.get(name);
        return value instanceof jakarta.json.JsonNumber number ? number.intValue() : otherwise;
    }

    static SearchResult searchResult(JsonObject manga, List<String> languages, URI uploads) {
        JsonObject attributes = attributes(manga);
        String id = string(manga, "id");
        return new SearchResult(id, title(attributes, languages), coverUrl(manga, uploads).orElse(null),
                string(attributes, "status"), readableIn(attributes, languages),
                localized(object(attributes, "description"), languages));
    }

    /**
     * The first of {@code languages} the manga has chapters in ({@code availableTranslatedLanguages}): the language
     * a reader of this server reads it in. {@code null} when it has none of them.
     */
    static String readableIn(JsonObject attributes, List<String> languages) {
        List<String> available = strings(attributes, "availableTranslatedLanguages");
        return languages.stream().filter(available::contains).findFirst().orElse(null);
    }

    /**
     * The title in the first of {@code languages} it exists in, looking at the main title then the alternative
     * ones; then English; then the original language romanized ({@code ja-ro}) or not; then whatever it has.
     */
    static String title(JsonObject attributes, List<String> languages) {
        JsonObject main = object(attributes, "title");
        List<JsonObject> alternatives = objects(attributes, "altTitles");
        List<String> order = new ArrayList<>(languages);
        order.add("en");
        String original = string(attributes, "originalLanguage");
        if (original != null) {
            order.add(original + "-ro");
            order.add(original);
        }
        for (String language : order) {
            Optional<String> found = inLanguage(main, language);
            for (int i = 0; found.isEmpty() && i < alternatives.size(); i++) {
                found = inLanguage(alternatives.get(i), language);
            }
            if (found.isPresent()) {
                return found.get();
            }
        }
        return any(main).or(() -> alternatives.stream().flatMap(alt -> any(alt).stream()).findFirst())
                .orElse("Untitled");
    }

    /** A language map's text in the first of {@code languages}, else English, else any; {@code null} when empty. */
    static String localized(JsonObject map, List<String> languages) {
        for (String language : languages) {
            Optional<String> found = inLanguage(map, language);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return inLanguage(map, "en").or(() -> any(map)).orElse(null);
    }

    /** {@code <uploads>/covers/<manga id>/<file>.256.jpg}, the 256-pixel thumbnail of its cover art. */
    static Optional<String> coverUrl(JsonObject manga, URI uploads) {
        return relationships(manga, Set.of("cover_art")).stream()
                .map(cover -> string(object(cover, "attributes"), "fileName"))
                .filter(file -> file != null && !file.isBlank() && !file.contains("/"))
                .findFirst()
                .map(file -> uploads + "/covers/" + string(manga, "id") + "/" + file + ".256.jpg");
    }

    /** Every title but {@code shown}: the main title's other languages, then the alternative ones; each once. */
    static List<String> alternateTitles(JsonObject attributes, String shown) {
        Set<String> titles = new LinkedHashSet<>();
        List<JsonObject> maps = new ArrayList<>();
        Optional.ofNullable(object(attributes, "title")).ifPresent(maps::add);
        maps.addAll(objects(attributes, "altTitles"));
        for (JsonObject map : maps) {
            map.values().stream()
                    .filter(value -> value instanceof JsonString text && !text.getString().isBlank())
                    .map(value -> ((JsonString) value).getString().strip())
                    .forEach(titles::add);
        }
        titles.remove(shown.strip());
        return List.copyOf(titles);
    }

    /** The names of the manga's people of one relationship type ({@code author}, {@code artist}), each once. */
    static List<String> people(JsonObject manga, String type) {
        return names(relationships(manga, Set.of(type)));
    }

    static List<String> tags(JsonObject attributes, List<String> languages) {
        List<String> tags = new ArrayList<>();
        for (JsonObject tag : objects(attributes, "tags")) {
            String name = localized(object(object(tag, "attributes"), "name"), languages);
            if (name != null) {
                tags.add(name);
            }
        }
        return tags;
    }

    /**
     * A chapter entity: its number (a oneshot's is {@link #ONESHOT_NUMBER}), title, language, volume, its groups'
     * names as the scanlator (when the request expanded {@code scanlation_group}), {@code publishAt} as its time
     * and its page count.
     */
    static FeedChapter feedChapter(JsonObject chapter) {
        JsonObject attributes = attributes(chapter);
        String id = string(chapter, "id");
        if (id == null) {
            throw new SourceException("MangaDex listed a chapter without an id");
        }
        String number = text(attributes, "chapter");
        String language = string(attributes, "translatedLanguage");
        List<String> groups = names(relationships(chapter, Set.of("scanlation_group")));
        int pages = number(attributes, "pages", -1);
        Chapter listed = new Chapter(id, number == null ? ONESHOT_NUMBER : number, text(attributes, "title"),
                language, text(attributes, "volume"), groups.isEmpty() ? null : String.join(", ", groups),
                instant(attributes, "publishAt"), pages < 0 ? null : pages);
        return new FeedChapter(listed, language, sortKey(listed.number()),
                unreadable(attributes, listed.number()));
    }

    /** Chapters by number (numbers MangaDex cannot give as numbers last), otherwise in the order listed. */
    static final Comparator<FeedChapter> BY_NUMBER = Comparator.comparing(FeedChapter::sortKey,
            Comparator.nullsLast(Comparator.naturalOrder()));

    /** Why a chapter cannot be read here: published on another site, or without pages. {@code null} if it can. */
    static String unreadable(JsonObject attributes, String number) {
        String external = string(attributes, "externalUrl");
        if (external != null && !external.isBlank()) {
            return "Chapter " + number + " is published on another site (" + external
                   + "); it cannot be read or downloaded here";
        }
        boolean unavailable = attributes.get("isUnavailable") == JsonValue.TRUE;
        if (unavailable || number(attributes, "pages", -1) == 0) {
            return "Chapter " + number + " has no pages on MangaDex; it cannot be read or downloaded";
        }
        return null;
    }

    static AtHome atHome(JsonObject answer, boolean dataSaver) {
        String baseUrl = string(answer, "baseUrl");
        JsonObject chapter = object(answer, "chapter");
        String hash = string(chapter, "hash");
        if (baseUrl == null || hash == null || !baseUrl.startsWith("http")) {
            throw new SourceException("MangaDex gave no image server for the chapter");
        }
        List<String> files = strings(chapter, dataSaver ? "dataSaver" : "data");
        for (String file : files) {
            if (file.contains("/") || file.contains("?") || file.contains("#")) {
                throw new SourceException("MangaDex listed an invalid page file name");
            }
        }
        return new AtHome(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl, hash,
                files);
    }

    /** The id of the manga a chapter entity belongs to, if it says. */
    static Optional<String> mangaOf(JsonObject chapter) {
        return relationships(chapter, Set.of("manga")).stream().map(manga -> string(manga, "id")).findFirst();
    }

    static JsonObject attributes(JsonObject entity) {
        JsonObject attributes = object(entity, "attributes");
        return attributes == null ? JsonValue.EMPTY_JSON_OBJECT : attributes;
    }

    /** The non-blank names in the {@code attributes} of expanded relationships, each once. */
    private static List<String> names(List<JsonObject> relationships) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonObject related : relationships) {
            String name = string(object(related, "attributes"), "name");
            if (name != null && !name.isBlank()) {
                names.add(name.strip());
            }
        }
        return List.copyOf(names);
    }

    /** A time the API writes as ISO-8601 with an offset ({@code 2019-03-02T08:00:00+00:00}); else {@code null}. */
    static Instant instant(JsonObject json, String name) {
        String text = string(json, name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A string without its surrounding blanks; {@code null} when missing or blank. */
    private static String text(JsonObject json, String name) {
        String text = string(json, name);
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static BigDecimal sortKey(String number) {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<JsonObject> relationships(JsonObject entity, Set<String> types) {
        return objects(entity, "relationships").stream().filter(r -> types.contains(string(r, "type"))).toList();
    }

    private static Optional<String> inLanguage(JsonObject map, String language) {
        return Optional.ofNullable(string(map, language)).filter(text -> !text.isBlank());
    }

    private static Optional<String> any(JsonObject map) {
        if (map == null) {
            return Optional.empty();
        }
        return map.values().stream()
                .filter(value -> value instanceof JsonString text && !text.getString().isBlank())
                .map(value -> ((JsonString) value).getString())
                .findFirst();
    }

    static String string(JsonObject json, String name) {
        if (json == null) {
            return null;
        }
        return json.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static JsonObject object(JsonObject json, String name) {
        if (json == null) {
            return null;
        }
        JsonValue value = json.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
    }

    private static List<JsonObject> objects(JsonObject json, String name) {
        if (json == null || !(json.get(name) instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream()
                .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .toList();
    }

    private static List<String> strings(JsonObject json, String name) {
        if (json == null || !(json.get(name) instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
    }
}
