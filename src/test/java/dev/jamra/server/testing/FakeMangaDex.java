package dev.jamra.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * MangaDex for tests, on a real local HTTP server: the API routes the source uses ({@code /manga},
 * {@code /manga/<id>}, {@code /manga/<id>/feed}, {@code /chapter/<id>}, {@code /at-home/server/<id>}) answering
 * in the shapes of the recorded fixtures under {@code mangadex/} in the test resources (the feed expanding
 * scanlation groups when asked to), and an image host for the pages. It counts every request with its arrival
 * time, and can be taken down, rate-limit a request, or expire the image server it handed out (its pages then
 * answer 403, as an expired MangaDex@Home address does).
 */
public final class FakeMangaDex implements AutoCloseable {
    /** A request as the server saw it: path, decoded query parameters in order, arrival (System.nanoTime). */
    public record Request(String path, List<Map.Entry<String, String>> query, long arrivedNanos, String userAgent) {
        public List<String> all(String name) {
            return query.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        public Optional<String> first(String name) {
            return all(name).stream().findFirst();
        }
    }

    private record RateLimit(String pathPrefix, String header, String value) {
    }

    private static final Map<String, JsonObject> FIXTURES = new ConcurrentHashMap<>();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, JsonObject> mangas = new ConcurrentHashMap<>();
    private final List<String> mangaOrder = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonObject>> feeds = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> chapters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    /** Scanlation groups by id: the {@code scanlation-group} fixture's attributes with their own name. */
    private final Map<String, JsonObject> groups = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Integer> expiredServers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger imageServer = new AtomicInteger(1);
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicReference<RateLimit> rateLimit = new AtomicReference<>();
    private final Map<String, CountDownLatch> stalled = new ConcurrentHashMap<>();

    private FakeMangaDex() {
        JsonObject group = fixture("scanlation-group").getJsonObject("data");
        groups.put(group.getString("id"), group.getJsonObject("attributes"));
        this.server = Exchanges.onLoopback(executor, Map.of("/", this::handle));
    }

    public static FakeMangaDex start() {
        return new FakeMangaDex();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String uploadsUrl() {
        return apiUrl() + "/uploads";
    }

    /**
     * The server settings that turn the MangaDex source on and point it at this fake, with {@code more} added. The
     * fake is on loopback, which the outbound guard lets requests reach only with private networks allowed.
     */
    public Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.putIfAbsent("downloads.allow-private-networks", "true");
        settings.put("sources.mangadex.enabled", "true");
        settings.put("sources.mangadex.api-url", apiUrl());
        settings.put("sources.mangadex.uploads-url", uploadsUrl());
        return settings;
    }

    /** A recorded-shape fixture from the test resources ({@code manga}, {@code chapter}, {@code at-home}...). */
    public static JsonObject fixture(String name) {
        return FIXTURES.computeIfAbsent(name, FakeMangaDex::read);
    }

    private static JsonObject read(String name) {
        try (InputStream in = FakeMangaDex.class.getResourceAsStream("/mangadex/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            try (JsonReader reader = JSON.createReader(new StringReader(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a manga made from the {@code manga} fixture with this id, titles and cover file (none when
     * {@code null}); the rest (description, status, tags, author, artist) as the fixture has it.
     */
    public void addManga(String id, JsonObject title, JsonArray altTitles, String coverFile) {
        JsonObject template = fixture("manga").getJsonObject("data");
        JsonObject attributes = JSON.createObjectBuilder(template.getJsonObject("attributes"))
                .add("title", title)
                .add("altTitles", altTitles)
                .build();
        JsonArrayBuilder relationships = JSON.createArrayBuilder();
        for (JsonValue value : template.getJsonArray("relationships")) {
            JsonObject relationship = value.asJsonObject();
            if (!relationship.getString("type").equals("cover_art")) {
                relationships.add(relationship);
            } else if (coverFile != null) {
                relationships.add(JSON.createObjectBuilder(relationship).add("attributes",
                        JSON.createObjectBuilder(relationship.getJsonObject("attributes")).add("fileName", coverFile)));
            }
        }
        mangas.put(id, JSON.createObjectBuilder(template)
                .add("id", id)
                .add("attributes", attributes)
                .add("relationships", relationships)
                .build());
        mangaOrder.add(id);
        feeds.putIfAbsent(id, new CopyOnWriteArrayList<>());
    }

    /** Adds a manga titled {@code title} in English only. */
    public void addManga(String id, String title) {
        addManga(id, JSON.createObjectBuilder().add("en", title).build(), JsonValue.EMPTY_JSON_ARRAY, "cover.jpg");
    }

    /**
     * Adds a chapter to the end of a manga's feed, from the {@code chapter} fixture: {@code pages} page images
     * (none for an external chapter, which has {@code externalUrl}).
     *
     * @param number {@code null} for a oneshot
     */
    public void addChapter(String mangaId, String chapterId, String number, String language, int pages,
                           String externalUrl) {
        JsonObject template = fixture("chapter").getJsonObject("data");
        var attributes = JSON.createObjectBuilder(template.getJsonObject("attributes"))
                .add("chapter", number == null ? JsonValue.NULL : JSON.createValue(number))
                .add("title", "Chapter " + number + " (" + language + ")")
                .add("translatedLanguage", language)
                .add("pages", pages)
                .add("externalUrl", externalUrl == null ? JsonValue.NULL : JSON.createValue(externalUrl));
        JsonArrayBuilder relationships = JSON.createArrayBuilder();
        for (JsonValue value : template.getJsonArray("relationships")) {
            JsonObject relationship = value.asJsonObject();
            relationships.add(relationship.getString("type").equals("manga")
                    ? JSON.createObjectBuilder(relationship).add("id", mangaId).build()
                    : relationship);
        }
        JsonObject chapter = JSON.createObjectBuilder(template)
                .add("id", chapterId)
                .add("attributes", attributes)
                .add("relationships", relationships)
                .build();
        chapters.put(chapterId, chapter);
        feeds.computeIfAbsent(mangaId, id -> new CopyOnWriteArrayList<>()).add(chapter);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= pages; i++) {
            String name = i + "-" + Integer.toHexString((chapterId + i).hashCode()) + ".png";
            names.add(name);
            images.put(chapterId + "/" + name, PageServer.bytesFor(chapterId + "/" + name));
        }
        files.put(chapterId, List.copyOf(names));
    }

    /** Sets an attribute of a manga ({@code status}, {@code availableTranslatedLanguages}...). */
    public void setMangaAttribute(String mangaId, String name, JsonValue value) {
        mangas.computeIfPresent(mangaId, (id, manga) -> JSON.createObjectBuilder(manga).add("attributes",
                JSON.createObjectBuilder(manga.getJsonObject("attributes")).add(name, value)).build());
    }

    /** Sets an attribute of a chapter ({@code volume}, {@code publishAt}...), as its feed and its entity give it. */
    public void setChapterAttribute(String chapterId, String name, JsonValue value) {
        replaceChapter(chapterId, chapter -> JSON.createObjectBuilder(chapter).add("attributes",
                JSON.createObjectBuilder(chapter.getJsonObject("attributes")).add(name, value)).build());
    }

    /**
     * Adds a scanlation group; the feed gives a group's attributes (its name...) only to a request that asks with
     * {@code includes[]=scanlation_group}, as MangaDex does. The fixture's group is there from the start.
     */
    public void addGroup(String id, String name) {
        JsonObject template = fixture("scanlation-group").getJsonObject("data").getJsonObject("attributes");
        groups.put(id, JSON.createObjectBuilder(template).add("name", name).build());
    }

    /** Makes these groups a chapter's translators (by default, the chapter fixture's one group). */
    public void setChapterGroups(String chapterId, List<String> groupIds) {
        replaceChapter(chapterId, chapter -> {
            JsonArrayBuilder relationships = JSON.createArrayBuilder();
            groupIds.forEach(id -> relationships.add(JSON.createObjectBuilder()
                    .add("id", id).add("type", "scanlation_group")));
            chapter.getJsonArray("relationships").stream().map(JsonValue::asJsonObject)
                    .filter(relationship -> !relationship.getString("type").equals("scanlation_group"))
                    .forEach(relationships::add);
            return JSON.createObjectBuilder(chapter).add("relationships", relationships).build();
        });
    }

    private void replaceChapter(String chapterId, UnaryOperator<JsonObject> change) {
        JsonObject changed = chapters.computeIfPresent(chapterId, (id, chapter) -> change.apply(chapter));
        if (changed == null) {
            throw new IllegalArgumentException("No chapter " + chapterId);
        }
        for (List<JsonObject> feed : feeds.values()) {
            feed.replaceAll(chapter -> chapter.getString("id").equals(chapterId) ? changed : chapter);
        }
    }

    /** The bytes the image host serves for page {@code index} (from 0) of a chapter. */
    public byte[] pageBytes(String chapterId, int index) {
        return images.get(chapterId + "/" + files.get(chapterId).get(index));
    }

    /** The image server handed out so far stops serving (403); the at-home route names a new one. */
    public void expireImageServer() {
        expiredServers.add(imageServer.getAndIncrement());
    }

    /** Every route answers 503 while down. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** The next request whose path starts with {@code pathPrefix} gets a 429 carrying {@code header: value}. */
    public void rateLimitNext(String pathPrefix, String header, String value) {
        rateLimit.set(new RateLimit(pathPrefix, header, value));
    }

    /**
     * Requests whose path starts with {@code pathPrefix} get no answer until {@link #release} (at most 30 s);
     * as a MangaDex that hangs.
     */
    public void stall(String pathPrefix) {
        stalled.put(pathPrefix, new CountDownLatch(1));
    }

    public void release(String pathPrefix) {
        CountDownLatch latch = stalled.remove(pathPrefix);
        if (latch != null) {
            latch.countDown();
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to paths starting with {@code pathPrefix}, in arrival order. */
    public List<Request> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Request request = new Request(path, query(exchange.getRequestURI().getRawQuery()), System.nanoTime(),
                exchange.getRequestHeaders().getFirst("User-Agent"));
        requests.add(request);
        try {
            if (down.get()) {
                Exchanges.send(exchange, 503, "text/html", "<html>503 Service Unavailable</html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            for (Map.Entry<String, CountDownLatch> stall : stalled.entrySet()) {
                if (path.startsWith(stall.getKey())) {
                    stall.getValue().await(30, TimeUnit.SECONDS);
                }
            }
            RateLimit limit = rateLimit.get();
            if (limit != null && path.startsWith(limit.pathPrefix()) && rateLimit.compareAndSet(limit, null)) {
                exchange.getResponseHeaders().set(limit.header(), limit.value());
                sendJson(exchange, 429, fixture("error-429"));
                return;
            }
            route(exchange, path, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            Exchanges.send(exchange, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void route(HttpExchange exchange, String path, Request request) throws IOException {
        String[] parts = path.substring(1).split("/");
        if (parts[0].equals("manga") && parts.length == 1) {
            search(exchange, request);
        } else if (parts[0].equals("manga") && parts.length == 2) {
            entity(exchange, mangas.get(parts[1]));
        } else if (parts[0].equals("manga") && parts.length == 3 && parts[2].equals("feed")) {
            feed(exchange, parts[1], request);
        } else if (parts[0].equals("chapter") && parts.length == 2) {
            entity(exchange, chapters.get(parts[1]));
        } else if (path.startsWith("/at-home/server/") && parts.length == 3) {
            atHome(exchange, parts[2]);
        } else if (parts[0].equals("images") && parts.length == 5) {
            image(exchange, Integer.parseInt(parts[1]), parts[3], parts[4]);
        } else {
            sendJson(exchange, 404, fixture("error-404"));
        }
    }

    private void search(HttpExchange exchange, Request request) throws IOException {
        int limit = Integer.parseInt(request.first("limit").orElse("10"));
        int offset = Integer.parseInt(request.first("offset").orElse("0"));
        if (limit > 100 || offset + limit > 10_000) {
            sendJson(exchange, 400, fixture("error-404"));
            return;
        }
        String title = request.first("title").orElse("").toLowerCase();
        List<String> ratings = request.all("contentRating[]");
        List<JsonObject> found = mangaOrder.stream().map(mangas::get)
                .filter(manga -> title.isEmpty() || titles(manga).contains(title))
                .filter(manga -> ratings.isEmpty() || ratings.contains(
                        manga.getJsonObject("attributes").getString("contentRating")))
                .toList();
        collection(exchange, found, limit, offset);
    }

    private static String titles(JsonObject manga) {
        JsonObject attributes = manga.getJsonObject("attributes");
        StringBuilder all = new StringBuilder(attributes.getJsonObject("title").toString());
        attributes.getJsonArray("altTitles").forEach(alt -> all.append(alt));
        return all.toString().toLowerCase();
    }

    private void feed(HttpExchange exchange, String mangaId, Request request) throws IOException {
        List<JsonObject> feed = feeds.get(mangaId);
        if (feed == null) {
            sendJson(exchange, 404, fixture("error-404"));
            return;
        }
        int limit = Integer.parseInt(request.first("limit").orElse("100"));
        int offset = Integer.parseInt(request.first("offset").orElse("0"));
        if (limit > 500 || offset + limit > 10_000) {
            sendJson(exchange, 400, fixture("error-404"));
            return;
        }
        List<String> languages = request.all("translatedLanguage[]");
        boolean withGroups = request.all("includes[]").contains("scanlation_group");
        collection(exchange, feed.stream()
                .filter(c -> languages.isEmpty() || languages.contains(
                        c.getJsonObject("attributes").getString("translatedLanguage")))
                .map(c -> withGroups ? withGroups(c) : c)
                .toList(), limit, offset);
    }

    /** The chapter with its known groups' attributes in their relationships (MangaDex's reference expansion). */
    private JsonObject withGroups(JsonObject chapter) {
        JsonArrayBuilder relationships = JSON.createArrayBuilder();
        for (JsonValue value : chapter.getJsonArray("relationships")) {
            JsonObject relationship = value.asJsonObject();
            JsonObject group = relationship.getString("type").equals("scanlation_group")
                    ? groups.get(relationship.getString("id")) : null;
            relationships.add(group == null ? relationship
                    : JSON.createObjectBuilder(relationship).add("attributes", group).build());
        }
        return JSON.createObjectBuilder(chapter).add("relationships", relationships).build();
    }

    private void collection(HttpExchange exchange, List<JsonObject> all, int limit, int offset) throws IOException {
        JsonArrayBuilder data = JSON.createArrayBuilder();
        all.stream().skip(offset).limit(limit).forEach(data::add);
        sendJson(exchange, 200, JSON.createObjectBuilder()
                .add("result", "ok")
                .add("response", "collection")
                .add("data", data)
                .add("limit", limit)
                .add("offset", offset)
                .add("total", all.size())
                .build());
    }

    private void entity(HttpExchange exchange, JsonObject data) throws IOException {
        if (data == null) {
            sendJson(exchange, 404, fixture("error-404"));
            return;
        }
        sendJson(exchange, 200, JSON.createObjectBuilder().add("result", "ok").add("response", "entity")
                .add("data", data).build());
    }

    private void atHome(HttpExchange exchange, String chapterId) throws IOException {
        List<String> names = files.get(chapterId);
        if (names == null) {
            sendJson(exchange, 404, fixture("error-404"));
            return;
        }
        JsonObject template = fixture("at-home");
        String hash = Integer.toHexString(chapterId.hashCode());
        sendJson(exchange, 200, JSON.createObjectBuilder(template)
                .add("baseUrl", apiUrl() + "/images/" + imageServer.get())
                .add("chapter", JSON.createObjectBuilder()
                        .add("hash", hash)
                        .add("data", JSON.createArrayBuilder(names))
                        .add("dataSaver", JSON.createArrayBuilder(names.stream()
                                .map(name -> name.replace(".png", ".jpg")).toList())))
                .build());
    }

    /** {@code /images/<server>/<quality>/<hash>/<file>}. */
    private void image(HttpExchange exchange, int servedBy, String hash, String file) throws IOException {
        if (expiredServers.contains(servedBy)) {
            Exchanges.send(exchange, 403, "text/plain", "token expired".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String chapterId = files.entrySet().stream()
                .filter(e -> Integer.toHexString(e.getKey().hashCode()).equals(hash) && e.getValue().contains(file))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        byte[] bytes = chapterId == null ? null : images.get(chapterId + "/" + file);
        if (bytes == null) {
            Exchanges.send(exchange, 404, "text/plain", "no such page".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Exchanges.send(exchange, 200, "image/png", bytes);
    }

    private static List<Map.Entry<String, String>> query(String raw) {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.add(Map.entry(name, value));
        }
        return query;
    }

    private static void sendJson(HttpExchange exchange, int status, JsonObject json) throws IOException {
        Exchanges.send(exchange, status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }


    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
