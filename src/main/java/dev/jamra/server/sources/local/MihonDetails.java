package dev.jamra.server.sources.local;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.jamra.server.web.StrictJson;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * A manga folder's {@code details.json}, in Mihon's (formerly Tachiyomi's) format: the guide "Local source,
 * advanced editing" (mihon.app/docs/guides/local-source/advanced) and its model {@code MangaDetails}
 * (github.com/mihonapp/mihon, {@code core-metadata/.../tachiyomi/MangaDetails.kt}): {@code title},
 * {@code author}, {@code artist}, {@code description} (text), {@code genre} (a list of text) and {@code status}, a
 * number from 0 to 6 that the guide writes as text ({@code "status": "0"}), so either is read. Other keys (the
 * guide's {@code "_status values"}) are ignored, {@code null} is absent. A value of the wrong type is dropped with a
 * warning; the others still count.
 *
 * @param status the renderer's status for Mihon's code, when it has one
 */
record MihonDetails(String title, List<String> authors, List<String> artists, String description,
                    List<String> genres, String status) {

    /** Mihon's status codes ({@code SManga.UNKNOWN} = 0 ... {@code ON_HIATUS} = 6) and the renderer's names. */
    private static final List<Optional<String>> STATUSES = List.of(
            Optional.empty(),             // 0 unknown
            Optional.of("ongoing"),       // 1
            Optional.of("completed"),     // 2
            Optional.empty(),             // 3 licensed: says nothing of publication
            Optional.of("completed"),     // 4 publishing finished
            Optional.of("cancelled"),     // 5
            Optional.of("hiatus"));       // 6 on hiatus

    MihonDetails {
        authors = List.copyOf(authors);
        artists = List.copyOf(artists);
        genres = List.copyOf(genres);
    }

    /**
     * The details in {@code json}, or empty when it is not a JSON object in UTF-8; {@code problem} hears why, as
     * the end of a sentence that starts with the file's name ("is not valid JSON (line 2, column 7)").
     */
    static Optional<MihonDetails> parse(byte[] json, Consumer<String> problem) {
        JsonValue value;
        try {
            value = StrictJson.parse(utf8(json));
        } catch (CharacterCodingException e) {
            problem.accept("is not UTF-8 text");
            return Optional.empty();
        } catch (JsonParsingException e) {
            problem.accept("is not valid JSON (line " + e.getLocation().getLineNumber() + ", column "
                           + e.getLocation().getColumnNumber() + ")");
            return Optional.empty();
        } catch (JsonException e) {
            problem.accept("is not valid JSON");
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problem.accept("is not a JSON object");
            return Optional.empty();
        }
        JsonObject details = value.asJsonObject();
        return Optional.of(new MihonDetails(
                text(details, "title", problem).orElse(null),
                text(details, "author", problem).map(ComicInfo::names).orElse(List.of()),
                text(details, "artist", problem).map(ComicInfo::names).orElse(List.of()),
                text(details, "description", problem).orElse(null),
                genres(details, problem),
                status(details, problem).orElse(null)));
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        // a byte order mark, as some editors on Windows write
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Optional<String> text(JsonObject details, String key, Consumer<String> problem) {
        JsonValue value = details.getOrDefault(key, JsonValue.NULL);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            String text = string.getString().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        problem.accept("has a \"" + key + "\" that is not text");
        return Optional.empty();
    }

    /** Mihon's list of genres; a single text is read as comma-separated, as Mihon keeps genres internally. */
    private static List<String> genres(JsonObject details, Consumer<String> problem) {
        JsonValue value = details.getOrDefault("genre", JsonValue.NULL);
        if (value instanceof JsonString string) {
            return ComicInfo.names(string.getString());
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problem.accept("has a \"genre\" that is not a list of text");
            return List.of();
        }
        List<String> genres = new ArrayList<>();
        for (JsonValue genre : value.asJsonArray()) {
            if (genre instanceof JsonString string) {
                genres.addAll(ComicInfo.names(string.getString()));
            } else {
                problem.accept("has a \"genre\" list holding something that is not text");
                return List.of();
            }
        }
        return List.copyOf(new LinkedHashSet<>(genres));
    }

    private static Optional<String> status(JsonObject details, Consumer<String> problem) {
        JsonValue value = details.getOrDefault("status", JsonValue.NULL);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        String code = value instanceof JsonNumber number ? number.toString()
                : value instanceof JsonString string ? string.getString().strip() : "";
        if (code.matches("[0-6]")) {
            return STATUSES.get(Integer.parseInt(code));
        }
        problem.accept("has a \"status\" that is not one of Mihon's codes 0 to 6");
        return Optional.empty();
    }
}
