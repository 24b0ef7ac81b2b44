package dev.jamra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.jamra.server.downloads.DownloadFolders;
import dev.jamra.server.importer.OriginalFixture;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ForkedServer;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server killed with {@code SIGKILL} in the middle of downloads and library writes, again and again, then
 * started on the same data folder: every write it acknowledged is there, every page under its final name is whole,
 * the downloads finish, nothing half-written or orphaned stays, and the event channel works. The kill points
 * come from a seed ({@code -Djamra.crash.seed}); see docs/HARDENING.md.
 */
class CrashTest {
    private static final long SEED = Long.getLong("jamra.crash.seed", 20_261_129L);
    private static final int KILLS = Integer.getInteger("jamra.crash.kills", 3);
    private static final int MANGAS = 3;
    private static final int CHAPTERS = 8;
    private static final int PAGES = 12;
    /** At most this many items (each with its progress) written to one server before it is killed. */
    private static final int WRITES_PER_LIFE = 60;
    private static final Duration WRITE_PAUSE = Duration.ofMillis(5);
    /** Downloads of the original whose pages its first start must copy, and their pages. */
    private static final int BULK_DOWNLOADS = 30;
    private static final int BULK_PAGES = 12;

    private final Path dataDir = TestConfig.newDataDir();
    private final Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    /** Library items the server acknowledged, and the last reading progress it acknowledged for each. */
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    /** Download id to its chapter ({@code m0c1}); page {@code k} of it is {@code m0c1p<k>.png} on the site. */
    private final Map<String, String> downloads = new HashMap<>();

    @Test
    void aKilledServerComesBackWithEverythingItAcknowledgedAndNothingHalfWritten() throws Exception {
        Random random = new Random(SEED);
        try (PageServer site = PageServer.start()) {
            site.addMangas(MANGAS, CHAPTERS, PAGES, (m, c) -> "m" + m + "c" + c);
            Map<String, String> settings = site.settings(Map.of("data-dir", dataDir.toString(),
                    "downloads.retry-backoff", "PT0.01S"));

            ForkedServer server = ForkedServer.start(settings, log);
            int partFilesSeen = 0;
            try {
                for (int kill = 0; kill < KILLS; kill++) {
                    int pagesBeforeKill = 8 + random.nextInt(25);
                    Writer writer = new Writer(server.uri(), random.nextLong());
                    try (ChannelClient client = ChannelClient.connect(server.uri())) {
                        if (kill == 0) {
                            queueEverything(new RestClient(server.uri()));
                        }
                        awaitPages(client, new RestClient(server.uri()), pagesBeforeKill);
                    }
                    server.kill();
                    writer.stop();

                    partFilesSeen += assertPagesOnDiskAreWhole();
                    server = ForkedServer.start(settings, log);
                    assertAcknowledgedWritesAreThere(new RestClient(server.uri()));
                }

                RestClient http = new RestClient(server.uri());
                Await.until(() -> allCompleted(http), Duration.ofSeconds(60), "every download completes");
                assertEverythingInPlace(http);
                try (ChannelClient client = ChannelClient.connect(server.uri())) {
                    assertEquals(201, http.post("/api/library", item("after-the-crashes")).status());
                    assertEquals("library:item:added", client.next().getString("event"));
                }
            } finally {
                server.kill();
            }
            assertThat(server.output(), not(containsString("SEVERE")));
            System.out.printf("crash test: seed %d, %d kills, %d acknowledged items, %d page files, %d .part files"
                              + " at the kills%n", SEED, KILLS, acknowledged.size(), MANGAS * CHAPTERS * PAGES,
                    partFilesSeen);
        }
    }

    /**
     * A first start on a copy of an original's data folder, killed while its import copies pages (the first copy
     * to land in one of the original's folders is the signal): no {@code jamra.db} is left, every one of the
     * original's files is as it was, and the next start imports everything.
     */
    @Test
    void aServerKilledDuringItsFirstStartImportLosesNothingAndImportsAtTheNextStart() throws Exception {
        Path original = TestConfig.newDataDir();
        Path firstStartLog = original.resolveSibling(original.getFileName() + ".log");
        OriginalFixture fixture = OriginalFixture.standard(original);
        // pages the original named .jpg hold png images: each is copied, synced and renamed, one by one
        List<String> bulk = new ArrayList<>();
        for (int d = 0; d < BULK_DOWNLOADS; d++) {
            String id = "dl-bulk-" + d;
            bulk.add(id);
            fixture.download(id, "lib-completed", "bulk-" + d, "completed", BULK_PAGES, null);
            for (int page = 1; page <= BULK_PAGES; page++) {
                fixture.page(id, page, "jpg", "png");
            }
        }
        Map<String, byte[]> originalFiles = contents(original);
        Map<String, String> settings = Map.of("data-dir", original.toString());

        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            for (String id : bulk) {
                fixture.downloads.resolve(id).register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            }
            ForkedServer starting = ForkedServer.launch(settings, firstStartLog);
            try {
                assertTrue(watch.poll(60, TimeUnit.SECONDS) != null, "the import copies pages");
            } finally {
                starting.kill();
            }
        }
        assertFalse(Files.exists(original.resolve("jamra.db")), "killed before its import committed");
        assertTrue(Files.exists(original.resolve("jamra-import.db")), "killed while it was importing");
        assertOriginalFilesUnchanged(originalFiles, original);

        ForkedServer server = ForkedServer.start(settings, firstStartLog);
        try {
            RestClient http = new RestClient(server.uri());
            assertEquals(5, http.get("/api/library").json().getInt("total"));
            for (String id : bulk) {
                JsonObject download = http.get("/api/downloads/" + id).json();
                assertEquals("completed", download.getJsonObject("download").getString("status"), id);
                assertEquals(BULK_PAGES, download.getJsonArray("pages").size(), id);
            }
            String last = "bulk-" + (BULK_DOWNLOADS - 1);
            assertArrayEquals(Files.readAllBytes(fixture.pageFile("dl-bulk-" + (BULK_DOWNLOADS - 1), BULK_PAGES,
                    "jpg")), http.get("/api/reader/lib-completed/chapters/" + last + "/pages/" + BULK_PAGES).bytes());
        } finally {
            server.kill();
        }
        assertOriginalFilesUnchanged(originalFiles, original);
        assertFalse(Files.exists(original.resolve("jamra-import.db")));
        try (Stream<Path> files = Files.walk(original)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".part")).toList(),
                    "no copy in transit is left");
        }
        assertThat(server.output(), not(containsString("SEVERE")));
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> contents = new HashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private static void assertOriginalFilesUnchanged(Map<String, byte[]> before, Path folder) throws IOException {
        for (Map.Entry<String, byte[]> file : before.entrySet()) {
            Path now = folder.resolve(file.getKey());
            assertTrue(Files.isRegularFile(now), file.getKey() + " is still there");
            assertArrayEquals(file.getValue(), Files.readAllBytes(now), file.getKey() + " is unchanged");
        }
    }

    private void queueEverything(RestClient http) {
        for (int m = 0; m < MANGAS; m++) {
            RestClient.Response added = http.post("/api/library", Json.createObjectBuilder().add("mangaId", "m" + m)
                    .add("extensionId", "fixture").add("title", "Manga " + m).add("status", "reading").build());
            assertEquals(201, added.status(), added::body);
            String item = added.json().getString("id");
            acknowledged.put(item, 0);
            var chapters = Json.createArrayBuilder();
            for (int c = 0; c < CHAPTERS; c++) {
                chapters.add("m" + m + "c" + c);
            }
            RestClient.Response queued = http.post("/api/downloads", Json.createObjectBuilder()
                    .add("libraryId", item).add("extensionId", "fixture").add("chapterIds", chapters).build());
            assertEquals(202, queued.status(), queued::body);
            for (JsonValue download : queued.json().getJsonArray("downloads")) {
                downloads.put(download.asJsonObject().getString("id"), download.asJsonObject().getString("chapterId"));
            }
        }
    }

    /** Reads events until {@code count} more pages are stored, or no download is left to run. */
    private void awaitPages(ChannelClient client, RestClient http, int count) throws InterruptedException {
        int seen = 0;
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (seen < count && System.nanoTime() < deadline) {
            if (client.pending() > 0) {
                if (client.next().getString("event").equals("download:page:complete")) {
                    seen++;
                }
            } else if (allCompleted(http)) {
                return;
            } else {
                Thread.sleep(5);
            }
        }
        assertEquals(count, seen, "pages stored in time");
    }

    /** With the server dead: each page under its final name holds exactly its bytes. Returns the part files. */
    private int assertPagesOnDiskAreWhole() throws IOException {
        int parts = 0;
        Path root = dataDir.resolve("downloads");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".part")) {
                    parts++;
                    continue;
                }
                if (name.equals(DownloadFolders.MARKER)) {
                    continue;
                }
                String chapter = downloads.get(file.getParent().getFileName().toString());
                int page = Integer.parseInt(name.substring("page_".length(), name.indexOf('.')));
                assertArrayEquals(PageServer.bytesFor(chapter + "p" + page + ".png"), Files.readAllBytes(file),
                        file + " is whole");
            }
        }
        return parts;
    }

    private void assertAcknowledgedWritesAreThere(RestClient http) {
        acknowledged.forEach((item, page) -> {
            RestClient.Response found = http.get("/api/library/" + item);
            assertEquals(200, found.status(), () -> item + " was acknowledged: " + found.body());
            if (page > 0) {
                assertEquals(page, http.get("/api/library/" + item + "/chapters/c1/progress").json()
                        .getInt("pageNumber"), item + "'s progress");
            }
        });
    }

    private boolean allCompleted(RestClient http) {
        return http.get("/api/downloads").json().getJsonArray("downloads").stream()
                .allMatch(d -> d.asJsonObject().getString("status").equals("completed"));
    }

    /** Every download's folder holds exactly its pages, whole; nothing else is in the downloads or scratch folder. */
    private void assertEverythingInPlace(RestClient http) throws IOException {
        Path root = dataDir.resolve("downloads");
        assertEquals(new TreeSet<>(downloads.keySet()), listing(root), "a folder per download, no orphan");
        for (Map.Entry<String, String> download : downloads.entrySet()) {
            Set<String> expected = new TreeSet<>(Set.of(DownloadFolders.MARKER));
            for (int page = 1; page <= PAGES; page++) {
                expected.add(String.format("page_%03d.png", page));
                assertArrayEquals(PageServer.bytesFor(download.getValue() + "p" + page + ".png"),
                        Files.readAllBytes(root.resolve(download.getKey()).resolve(String.format("page_%03d.png",
                                page))));
            }
            assertEquals(expected, listing(root.resolve(download.getKey())), "no .part or orphan file");
            assertEquals(PAGES, http.get("/api/downloads/" + download.getKey()).json().getJsonArray("pages").size());
        }
        assertEquals(Set.of(), listing(dataDir.resolve("tmp")), "no page in transit left");
    }

    private static Set<String> listing(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return new TreeSet<>(entries.map(path -> path.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject item(String mangaId) {
        return Json.createObjectBuilder().add("mangaId", mangaId).add("extensionId", "local")
                .add("title", "Title of " + mangaId).add("status", "reading").build();
    }

    /** Adds items and saves their progress, a few milliseconds apart, until the server dies or enough are written. */
    private final class Writer {
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Thread thread;

        Writer(URI server, long seed) {
            RestClient http = new RestClient(server);
            Random random = new Random(seed);
            thread = Thread.ofVirtual().start(() -> {
                try {
                    for (int written = 0; written < WRITES_PER_LIFE && !stopped.get(); written++) {
                        RestClient.Response added = http.post("/api/library", item("w" + random.nextLong()));
                        if (added.status() != 201) {
                            continue;
                        }
                        String id = added.json().getString("id");
                        acknowledged.put(id, 0);
                        int page = 1 + random.nextInt(20);
                        RestClient.Response saved = http.put("/api/library/" + id + "/progress", Json
                                .createObjectBuilder().add("chapterId", "c1").add("pageNumber", page)
                                .add("totalPages", 20).build());
                        if (saved.status() / 100 == 2) {
                            acknowledged.put(id, page);
                        }
                        Thread.sleep(WRITE_PAUSE);
                    }
                } catch (InterruptedException | UncheckedIOException | AssertionError e) {
                    // the server died mid-request: that write was never acknowledged
                }
            });
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            assertTrue(thread.join(Duration.ofSeconds(15)), "the writer stops");
        }
    }
}
