package dev.jamra.server.updates;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.ForkedServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test of timings: a library update check of {@code jamra.bench.items} (1,000) MangaDex titles of
 * {@code jamra.bench.chapters} (20) chapters each, against the fake MangaDex with its rate limit lifted, run by the
 * real server in a JVM of its own so that its CPU time is the server's alone; then {@code jamra.bench.limited-items}
 * (50) titles with MangaDex's own limit (5 requests a second), where the wall time is the source's. Prints the
 * figures of docs/PERFORMANCE.md ("Library updates"). Tagged {@code bench}: {@code bin/test} leaves it out. Run with
 * {@code bin/test -Dtest=UpdateCheckBenchTest -Dgroups=bench -Djamra.excludedGroups=none}.
 */
@Tag("bench")
class UpdateCheckBenchTest {
    private static final int ITEMS = Integer.getInteger("jamra.bench.items", 1_000);
    private static final int CHAPTERS = Integer.getInteger("jamra.bench.chapters", 20);
    private static final int LIMITED_ITEMS = Integer.getInteger("jamra.bench.limited-items", 50);
    /** Far above what one request at a time can reach: the limit is lifted. */
    private static final int LIFTED = 100_000;
    private static final int MANGADEX_LIMIT = 5;

    static {
        // The fake MangaDex is the JDK's HttpServer, which writes a response's headers and body apart: without this,
        // Nagle's algorithm meets the client's delayed ACK and every answer waits about 40 ms, which is the fake's
        // time, not the server's. Read once, when the first HttpServer of the JVM starts: run this class alone.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One check's cost: wall time from the start request to the end's report, and the server's CPU meanwhile. */
    private record Run(String name, int items, Duration wall, Duration cpu, int found) {
        void print() {
            System.out.printf("update check bench: %-34s %5d items, wall %7.2f s (%6.2f ms/item), server CPU"
                              + " %6.2f s (%6.3f ms/item), %d chapters found%n", name, items, wall.toMillis() / 1e3,
                    wall.toNanos() / 1e6 / items, cpu.toMillis() / 1e3, cpu.toNanos() / 1e6 / items, found);
        }
    }

    @Test
    void aLargeLibrarysCheckWithTheLimitLiftedAndASmallOneAtMangaDexsPace() {
        try (FakeMangaDex mangaDex = FakeMangaDex.start()) {
            for (int i = 0; i < Math.max(ITEMS, LIMITED_ITEMS); i++) {
                mangaDex.addManga(mangaId(i), "Title " + i);
                for (int c = 1; c <= CHAPTERS; c++) {
                    mangaDex.addChapter(mangaId(i), chapterId(i, c), String.valueOf(c), "en", 1, null);
                }
            }
            Run first;
            Run second;
            try (ForkedServer server = start(mangaDex, LIFTED)) {
                UpdatesApi updates = library(server, ITEMS);
                first = check(server, updates, "first (records " + CHAPTERS + "/item)", ITEMS);
                IntStream.range(0, ITEMS).forEach(i -> mangaDex.addChapter(mangaId(i), chapterId(i, CHAPTERS + 1),
                        String.valueOf(CHAPTERS + 1), "en", 1, null));
                second = check(server, updates, "second (finds 1 new/item)", ITEMS);
                assertEquals(ITEMS, second.found());
            }
            Run limited;
            try (ForkedServer server = start(mangaDex, MANGADEX_LIMIT)) {
                UpdatesApi updates = library(server, LIMITED_ITEMS);
                check(server, updates, "first at the source's pace", LIMITED_ITEMS);  // longer than Await waits
                limited = check(server, updates, "at " + MANGADEX_LIMIT + " requests/s (the source's)",
                        LIMITED_ITEMS);
            }
            Run ownFirst;
            Run ownSecond;
            try (UpdateFixture fixture = new UpdateFixture()) {
                LibraryUpdates updates = fixture.start(AutoDownload.OFF);
                for (int i = 0; i < ITEMS; i++) {
                    for (int c = 1; c <= CHAPTERS; c++) {
                        fixture.source.add("m" + i, String.valueOf(c));
                    }
                    fixture.item("m" + i);
                }
                ownFirst = checkInProcess(fixture, updates, "in-process source, first");
                IntStream.range(0, ITEMS).forEach(i -> fixture.source.add("m" + i, String.valueOf(CHAPTERS + 1)));
                ownSecond = checkInProcess(fixture, updates, "in-process source, second");
                updates.close();
            }
            first.print();
            second.print();
            ownFirst.print();
            ownSecond.print();
            limited.print();
            System.out.printf("update check bench: at %d requests/s the source allows %d items in %.1f s at the"
                              + " earliest%n", MANGADEX_LIMIT, LIMITED_ITEMS,
                    (LIMITED_ITEMS - 1) / (double) MANGADEX_LIMIT);
        }
    }

    private static ForkedServer start(FakeMangaDex mangaDex, int requestsPerSecond) {
        Path dataDir = TestConfig.newDataDir();
        return ForkedServer.start(mangaDex.settings(Map.of("data-dir", dataDir.toString(),
                        "sources.mangadex.requests-per-second", String.valueOf(requestsPerSecond),
                        "library.update-interval", "PT0S")),
                dataDir.resolveSibling(dataDir.getFileName() + ".log"));
    }

    /** The first {@code items} titles in the server's library. */
    private static UpdatesApi library(ForkedServer server, int items) {
        UpdatesApi updates = new UpdatesApi(new RestClient(server.uri()));
        IntStream.range(0, items).forEach(i -> updates.add(mangaId(i), "mangadex", "Title " + i));
        return updates;
    }

    /** Runs one check while a client listens, and measures it; the client counts the chapters announced. */
    private static Run check(ForkedServer server, UpdatesApi updates, String name, int items) {
        try (ChannelClient client = ChannelClient.connect(server.uri())) {
            Duration cpuBefore = server.cpuTime();
            long start = System.nanoTime();
            updates.start();
            int found = 0;
            while (true) {
                JsonObject message = client.next();
                String event = message.getString("event");
                if (event.equals("library:chapters:new")) {
                    found += message.getJsonObject("data").getJsonArray("chapters").size();
                } else if (event.equals("library:update:progress")
                           && !message.getJsonObject("data").getBoolean("running")) {
                    break;
                }
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Duration cpu = server.cpuTime().minus(cpuBefore);
            JsonObject status = updates.status();
            assertEquals(items, status.getInt("checked"));
            assertEquals(0, status.getJsonArray("errors").size(), status::toString);
            Await.until(() -> !updates.status().getBoolean("running"), "the check is over");
            return new Run(name, items, wall, cpu, found);
        }
    }

    /**
     * A check against a source in this JVM that answers from memory: no HTTP, no JSON, so what it costs is the check's
     * own work (the database, the events). The CPU is this whole process's, which does nothing else meanwhile.
     */
    private static Run checkInProcess(UpdateFixture fixture, LibraryUpdates updates, String name) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        int before = updates.feed(1, 0).total();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        updates.check();
        CheckStatus status = fixture.awaitOver(updates, Duration.ofMinutes(10));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(os.getProcessCpuTime() - cpuBefore);
        assertEquals(ITEMS, status.checked());
        return new Run(name, ITEMS, wall, cpu, updates.feed(1, 0).total() - before);
    }

    private static String mangaId(int i) {
        return UUID.nameUUIDFromBytes(("bench-" + i).getBytes()).toString();
    }

    private static String chapterId(int i, int chapter) {
        return UUID.nameUUIDFromBytes(("bench-" + i + "-" + chapter).getBytes()).toString();
    }
}
