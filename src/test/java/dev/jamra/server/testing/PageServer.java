package dev.jamra.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/**
 * A manga site for tests, on a real local HTTP server: a catalog ({@code /catalog/<manga>} and
 * {@code /catalog/<manga>/<chapter>}, read by {@link FixtureSource}) and page images under {@code /pages/...} that
 * can fail a number of times, fail for good, or wait for a latch the test releases, and redirects. It counts
 * requests per page and how many page requests are in flight at once.
 */
public final class PageServer implements AutoCloseable {
    /** How long a held page waits for its latch before giving up with 503. */
    private static final long HOLD_LIMIT_SECONDS = 30;

    private final HttpServer server;
    private final Map<String, Manga> catalog = new ConcurrentHashMap<>();
    private final Map<String, PageFixture> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<String> brokenCatalog = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger loopRequests = new AtomicInteger();

    private record Manga(String title, List<Chapter> chapters) {
    }

    private record Chapter(String id, String number, List<PageFixture> pages) {
    }

    /**
     * A page image.
     *
     * @param failures    how many requests fail with {@code failStatus} before it is served
     * @param hold        when not null, requests wait until it is released
     * @param chunked     sent without a {@code Content-Length}
     * @param contentType the {@code Content-Type} it is served with; none when {@code null}
     * @param listedAt    the URL the chapter lists for it, {@code null} for its own
     */
    public record PageFixture(String name, String contentType, byte[] bytes, int failures, int failStatus,
                              CountDownLatch hold, boolean chunked, String listedAt) {

        /** A page whose bytes are made from its name, with the media type of its extension. */
        public static PageFixture of(String name) {
            String type = name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : "image/png";
            return new PageFixture(name, type, bytesFor(name), 0, 0, null, false, null);
        }

        public PageFixture contentType(String type) {
            return new PageFixture(name, type, bytes, failures, failStatus, hold, chunked, listedAt);
        }

        public PageFixture withBytes(byte[] content) {
            return new PageFixture(name, contentType, content, failures, failStatus, hold, chunked, listedAt);
        }

        public PageFixture failing(int times, int status) {
            return new PageFixture(name, contentType, bytes, times, status, hold, chunked, listedAt);
        }

        public PageFixture heldBy(CountDownLatch latch) {
            return new PageFixture(name, contentType, bytes, failures, failStatus, latch, chunked, listedAt);
        }

        public PageFixture sentChunked() {
            return new PageFixture(name, contentType, bytes, failures, failStatus, hold, true, listedAt);
        }

        /** Listed at {@code url} instead of its own URL, such as a redirect of {@link #redirectUrl}. */
        public PageFixture listedAt(String url) {
            return new PageFixture(name, contentType, bytes, failures, failStatus, hold, chunked, url);
        }
    }

    private PageServer() {
        this.server = Exchanges.onLoopback(Executors.newVirtualThreadPerTaskExecutor(), Map.of(
                "/catalog/", this::catalog,
                "/pages/", this::page,
                "/moved/", this::moved,
                "/redirect", this::redirect,
                "/loop/", this::loop));
    }

    public static PageServer start() {
        return new PageServer();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The server settings that point the fixture source at this site, with {@code more} added. The site is on
     * loopback, which the outbound guard lets downloads reach only with private networks allowed.
     */
    public Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("sources.fixture.url", url());
        settings.put("downloads.allow-private-networks", "true");
        return settings;
    }

    /** The URL of a page as the site serves it. */
    public String pageUrl(String mangaId, String chapterId, String pageName) {
        return url() + pagePath(mangaId, chapterId, pageName);
    }

    /** A URL of this site that redirects to {@code target} ({@code 302}). */
    public String redirectUrl(String target) {
        return url() + "/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    /** A URL of this site that redirects to itself, one step further each time, for ever. */
    public String loopUrl() {
        return url() + "/loop/0";
    }

    /** How many requests the redirect loop got. */
    public int loopRequests() {
        return loopRequests.get();
    }

    public void addManga(String mangaId, String title) {
        catalog.put(mangaId, new Manga(title, new CopyOnWriteArrayList<>()));
    }

    /** Adds a chapter at the end of a manga's chapter list. */
    public void addChapter(String mangaId, String chapterId, String number, List<PageFixture> chapterPages) {
        catalog.get(mangaId).chapters().add(new Chapter(chapterId, number, List.copyOf(chapterPages)));
        chapterPages.forEach(page -> pages.put(pagePath(mangaId, chapterId, page.name()), page));
    }

    /**
     * Adds manga {@code m0}, {@code m1}... each with {@code chapters} chapters numbered from 1, whose ids
     * {@code chapterId} gives from the manga's and the chapter's index, each of {@code pages} pages named
     * {@code m<manga>c<chapter>p<page>.png}: a library to load a server with.
     */
    public void addMangas(int mangas, int chapters, int pages, BiFunction<Integer, Integer, String> chapterId) {
        for (int m = 0; m < mangas; m++) {
            addManga("m" + m, "Manga " + m);
            for (int c = 0; c < chapters; c++) {
                List<PageFixture> chapterPages = new ArrayList<>();
                for (int p = 1; p <= pages; p++) {
                    chapterPages.add(PageFixture.of("m" + m + "c" + c + "p" + p + ".png"));
                }
                addChapter("m" + m, chapterId.apply(m, c), String.valueOf(c + 1), chapterPages);
            }
        }
    }

    /**
     * Adds manga {@code long} with chapter {@code l1} of three pages, the second held until {@code secondPage}
     * opens: a download to catch in the middle.
     */
    public void addLongChapter(CountDownLatch secondPage) {
        addManga("long", "Long");
        addChapter("long", "l1", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png").heldBy(secondPage),
                PageFixture.of("3.png")));
    }

    /** Replaces a chapter's pages, as a site that re-uploads a chapter with fewer or other pages. */
    public void replaceChapter(String mangaId, String chapterId, List<PageFixture> chapterPages) {
        List<Chapter> chapters = catalog.get(mangaId).chapters();
        for (int i = 0; i < chapters.size(); i++) {
            if (chapters.get(i).id().equals(chapterId)) {
                chapters.set(i, new Chapter(chapterId, chapters.get(i).number(), List.copyOf(chapterPages)));
            }
        }
        chapterPages.forEach(page -> pages.put(pagePath(mangaId, chapterId, page.name()), page));
    }

    /** Replaces a page, for a page that heals or breaks between two tries. */
    public void replacePage(String mangaId, String chapterId, PageFixture page) {
        pages.put(pagePath(mangaId, chapterId, page.name()), page);
        requests.remove(pagePath(mangaId, chapterId, page.name()));
    }

    /** From now on the catalog of this manga answers 503, as a site that is down; its pages are still served. */
    public void breakCatalog(String mangaId) {
        brokenCatalog.add(mangaId);
    }

    public int requests(String mangaId, String chapterId, String pageName) {
        AtomicInteger count = requests.get(pagePath(mangaId, chapterId, pageName));
        return count == null ? 0 : count.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void resetMaxInFlight() {
        maxInFlight.set(inFlight.get());
    }

    /** Deterministic bytes for a page name: a PNG signature then the name, repeated to a size that varies. */
    public static byte[] bytesFor(String name) {
        byte[] text = (name + "|").getBytes(StandardCharsets.UTF_8);
        int size = 600 + Math.floorMod(name.hashCode(), 1500);
        byte[] bytes = new byte[size];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        for (int i = signature.length; i < size; i++) {
            bytes[i] = text[i % text.length];
        }
        return bytes;
    }

    private static String pagePath(String mangaId, String chapterId, String name) {
        return "/pages/" + mangaId + "/" + chapterId + "/" + name;
    }

    private void catalog(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring("/catalog/".length()).split("/");
        Manga manga = catalog.get(parts[0]);
        if (brokenCatalog.contains(parts[0])) {
            Exchanges.send(exchange, 503, "text/plain", "down for maintenance".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (manga == null) {
            Exchanges.send(exchange, 404, "application/json", "{\"message\":\"no such manga\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (parts.length == 1) {
            JsonArrayBuilder chapters = Json.createArrayBuilder();
            manga.chapters().forEach(chapter -> chapters.add(Json.createObjectBuilder()
                    .add("id", chapter.id()).add("number", chapter.number())));
            sendJson(exchange, Json.createObjectBuilder().add("id", parts[0]).add("title", manga.title())
                    .add("chapters", chapters).build().toString());
            return;
        }
        Chapter chapter = manga.chapters().stream().filter(c -> c.id().equals(parts[1])).findFirst().orElse(null);
        if (chapter == null) {
            Exchanges.send(exchange, 404, "application/json", "{\"message\":\"no such chapter\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonArrayBuilder urls = Json.createArrayBuilder();
        chapter.pages().forEach(page -> urls.add(page.listedAt() != null ? page.listedAt()
                : url() + pagePath(parts[0], chapter.id(), page.name())));
        sendJson(exchange, Json.createObjectBuilder().add("pages", urls).build().toString());
    }

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        PageFixture page = pages.get(path);
        if (page == null) {
            Exchanges.send(exchange, 404, "text/plain", "no such page".getBytes(StandardCharsets.UTF_8));
            return;
        }
        int attempt = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        boolean released = true;
        try {
            if (page.hold() != null) {
                released = page.hold().await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            released = false;
        } finally {
            // Counted out before answering, so the client's next request can never overlap this one in the count.
            inFlight.decrementAndGet();
        }
        if (!released) {
            Exchanges.send(exchange, 503, "text/plain", "held too long".getBytes(StandardCharsets.UTF_8));
        } else if (attempt <= page.failures()) {
            Exchanges.send(exchange, page.failStatus(), "text/plain", "failure".getBytes(StandardCharsets.UTF_8));
        } else if (page.chunked()) {
            try (exchange) {
                if (page.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", page.contentType());
                }
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page.bytes());
                }
            } catch (IOException e) {
                // the client gave up on the page
            }
        } else {
            Exchanges.send(exchange, 200, page.contentType(), page.bytes());
        }
    }

    /** {@code /moved/pages/...}: a redirect to {@code /pages/...} on this site, by a relative URL. */
    private void moved(HttpExchange exchange) throws IOException {
        sendRedirect(exchange, exchange.getRequestURI().getPath().substring("/moved".length()));
    }

    /** {@code /redirect?to=<url>}: a redirect to that URL. */
    private void redirect(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        sendRedirect(exchange, URLDecoder.decode(query.substring("to=".length()), StandardCharsets.UTF_8));
    }

    /** {@code /loop/<n>}: a redirect to {@code /loop/<n + 1>}. */
    private void loop(HttpExchange exchange) throws IOException {
        loopRequests.incrementAndGet();
        int step = Integer.parseInt(exchange.getRequestURI().getPath().substring("/loop/".length()));
        sendRedirect(exchange, "/loop/" + (step + 1));
    }

    private static void sendRedirect(HttpExchange exchange, String location) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private static void sendJson(HttpExchange exchange, String json) throws IOException {
        Exchanges.send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
