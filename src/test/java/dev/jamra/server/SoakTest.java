package dev.jamra.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mixed load for a while (default two minutes, {@code -Djamra.soak.duration=PT5M}; seed
 * {@code -Djamra.soak.seed}): listening clients, clients churning subscriptions and connections, REST writers
 * creating, changing and deleting items and progress, downloads queued and cancelled. Afterwards: no 5xx, every
 * listener saw the same gap-free {@code seq} sequence, no error event, no SEVERE log line, connections and threads
 * back to their start, heap after GC within a bound. Tagged {@code soak}: {@code bin/test} leaves it out; see
 * docs/HARDENING.md for how to run it and its figures.
 */
@Tag("soak")
class SoakTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingSite()
            .configured(Map.of("downloads.retry-backoff", "PT0.01S"))
            .preparedBy(SoakTest::prepare);

    private static final Duration DURATION = Duration.parse(System.getProperty("jamra.soak.duration", "PT2M"));
    private static final long SEED = Long.getLong("jamra.soak.seed", 4_242L);
    private static final int LISTENERS = 20;
    private static final int CHURNERS = 6;
    private static final int WRITERS = 4;
    private static final int DOWNLOADERS = 2;
    private static final int MANGAS = 4;
    private static final int CHAPTERS = 12;
    private static final int PAGES = 6;
    /** Heap in use after GC may grow by at most this much over the run (caches warming, the JIT). */
    private static final long HEAP_BOUND = 48L << 20;

    private final URI uri = SERVER.uri();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger churnConnections = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final List<LogRecord> severe = new CopyOnWriteArrayList<>();

    private static void prepare() {
        SERVER.site().addMangas(MANGAS, CHAPTERS, PAGES, (m, c) -> "c" + c);
    }

    /** What one listening client saw: the broadcasts' {@code seq} run, gaps and errors. */
    private static final class Listener {
        final ChannelClient client;
        final Thread drain;
        volatile long first = -1;
        volatile long last = -1;
        volatile long count;
        volatile long gaps;
        volatile long errors;
        volatile boolean sawEnd;

        Listener(ChannelClient client, AtomicBoolean done) {
            this.client = client;
            this.drain = Thread.ofVirtual().start(() -> {
                while (!sawEnd && !(done.get() && client.pending() == 0)) {
                    if (client.pending() == 0) {
                        sleep(2);
                        continue;
                    }
                    JsonObject message = client.next();
                    if (message.getString("event").equals("error")) {
                        errors++;
                    }
                    if (message.containsKey("seq")) {
                        long seq = message.getJsonNumber("seq").longValue();
                        if (first < 0) {
                            first = seq;
                        } else if (seq != last + 1) {
                            gaps++;
                        }
                        last = seq;
                        count++;
                    }
                    if (message.getString("event").equals("library:item:added")
                        && message.getJsonObject("data").toString().contains("soak-end")) {
                        sawEnd = true;
                    }
                }
            });
        }
    }

    @Test
    void theServerKeepsWorkingUnderAMixedLoad() throws Exception {
        Handler capture = captureSevere();
        RestClient http = new RestClient(uri);
        List<String> items = new ArrayList<>();
        for (int m = 0; m < MANGAS; m++) {
            items.add(addFixtureItem(http, "m" + m));
        }
        try (ChannelClient warmUp = ChannelClient.connect(uri)) {
            assertEquals(200, http.get("/health").status());
        }
        Await.until(() -> connections(http) == 0, "the warm-up connection is gone");
        List<String> threadsBefore = serverThreads();
        long heapBefore = heapAfterGc();

        AtomicBoolean listenersDone = new AtomicBoolean();
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < LISTENERS; i++) {
            listeners.add(new Listener(ChannelClient.connect(uri), listenersDone));
        }
        Random seeds = new Random(SEED);
        List<Thread> actors = new ArrayList<>();
        for (int i = 0; i < CHURNERS; i++) {
            long seed = seeds.nextLong();
            actors.add(Thread.ofVirtual().start(actor(() -> churn(new Random(seed)))));
        }
        for (int i = 0; i < WRITERS; i++) {
            long seed = seeds.nextLong();
            actors.add(Thread.ofVirtual().start(actor(() -> write(new Random(seed)))));
        }
        Map<String, String> itemsByManga = new ConcurrentHashMap<>();
        for (int m = 0; m < MANGAS; m++) {
            itemsByManga.put("m" + m, items.get(m));
        }
        for (int i = 0; i < DOWNLOADERS; i++) {
            long seed = seeds.nextLong();
            actors.add(Thread.ofVirtual().start(actor(() -> download(new Random(seed), itemsByManga))));
        }

        Thread.sleep(DURATION);
        stopping.set(true);
        for (Thread actor : actors) {
            assertTrue(actor.join(Duration.ofSeconds(30)), "an actor stops");
        }
        Await.until(() -> active(http) == 0, Duration.ofSeconds(60), "every download is over");
        assertEquals(201, http.post("/api/library", item("soak-end")).status());
        for (Listener listener : listeners) {
            assertTrue(listener.drain.join(Duration.ofSeconds(30)), "a listener sees the end");
        }
        listenersDone.set(true);
        listeners.forEach(listener -> listener.client.close());

        // first of all: a SEVERE line (a download that broke its worker...) fails the soak, whatever else held
        assertNoSevere();
        assertEquals(List.of(), failures, "no 5xx, no unexpected answer, no error event");
        Listener reference = listeners.getFirst();
        for (Listener listener : listeners) {
            assertEquals(0, listener.gaps, "gap-free");
            assertEquals(0, listener.errors, "no error event");
            assertEquals(reference.first, listener.first, "the same sequence");
            assertEquals(reference.last, listener.last, "the same sequence");
            assertEquals(listener.last - listener.first + 1, listener.count);
        }
        Await.until(() -> connections(http) == 0, "every connection is gone");
        Await.until(() -> serverThreads().size() <= threadsBefore.size(), Duration.ofSeconds(30),
                "threads back to their start: " + threadsBefore + ", now " + serverThreads());
        long heapAfter = heapAfterGc();
        Logger.getLogger("").removeHandler(capture);
        assertNoSevere();
        assertTrue(heapAfter - heapBefore < HEAP_BOUND, "heap after GC grew by " + (heapAfter - heapBefore));
        System.out.printf("soak: seed %d, %s, %d listeners saw %d broadcasts each, %d churned connections with %d"
                          + " subscriptions, %d REST requests, %d downloads queued, %d cancels, heap after GC %d ->"
                          + " %d KiB, platform threads %d -> %d%n", SEED, DURATION, LISTENERS, reference.count,
                churnConnections.get(), subscriptions.get(), requests.get(), queued.get(), cancels.get(),
                heapBefore >> 10, heapAfter >> 10, threadsBefore.size(), serverThreads().size());
    }

    /** An actor's body: whatever breaks it is a failure of the run. */
    private Runnable actor(Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add("an actor broke: " + e);
            }
        };
    }

    /** Connects, subscribes to and unsubscribes from downloads, sometimes drops the connection, again. */
    private void churn(Random random) {
        while (!stopping.get()) {
            ChannelClient client = ChannelClient.connect(uri);
            churnConnections.incrementAndGet();
            int expectedAcks = 0;
            List<String> followed = new ArrayList<>();
            for (int i = 0; i < 10 + random.nextInt(40) && !stopping.get(); i++) {
                if (!followed.isEmpty() && random.nextInt(3) == 0) {
                    client.send(ChannelClient.message("unsubscribe:download", followed.remove(random.nextInt(
                            followed.size()))));
                } else {
                    String id = "dl-" + random.nextInt(500);
                    followed.add(id);
                    client.send(ChannelClient.message("subscribe:download", id));
                    subscriptions.incrementAndGet();
                }
                expectedAcks++;
                sleep(random.nextInt(5));
            }
            int acks = 0;
            while (acks < expectedAcks) {
                JsonObject message = client.next();
                switch (message.getString("event")) {
                    case "subscription:ack" -> acks++;
                    case "error" -> failures.add("error event to a churner: " + message);
                    default -> {
                        // broadcasts for its subscriptions and the library's
                    }
                }
            }
            if (random.nextInt(4) == 0) {
                client.abort();
            } else {
                client.close();
            }
        }
    }

    /** Creates an item, changes it, saves progress, lists, deletes it; again. */
    private void write(Random random) {
        RestClient http = new RestClient(uri);
        while (!stopping.get()) {
            RestClient.Response added = expect(http.post("/api/library", item("w" + random.nextLong())), 201);
            if (added.status() != 201) {
                continue;
            }
            String id = added.json().getString("id");
            expect(http.patch("/api/library/" + id, Json.createObjectBuilder()
                    .add("favorite", random.nextBoolean()).add("status", "completed").build()), 200);
            for (int page = 1; page <= 1 + random.nextInt(4); page++) {
                RestClient.Response saved = http.put("/api/library/" + id + "/progress", Json.createObjectBuilder()
                        .add("chapterId", "c" + random.nextInt(3)).add("pageNumber", page).add("totalPages", 10)
                        .build());
                requests.incrementAndGet();
                if (saved.status() / 100 != 2) {
                    failures.add("PUT progress answered " + saved.status() + ": " + saved.body());
                }
            }
            expect(http.get("/api/library?limit=20&sort=title"), 200);
            expect(http.delete("/api/library/" + id), 204);
        }
    }

    /** Queues chapters of the fixture manga, cancels some, now and then deletes an item with its downloads. */
    private void download(Random random, Map<String, String> itemsByManga) {
        RestClient http = new RestClient(uri);
        List<String> known = new ArrayList<>();
        while (!stopping.get()) {
            String manga = "m" + random.nextInt(MANGAS);
            String item = itemsByManga.get(manga);
            if (item == null) {
                // the other downloader is deleting and adding it again
                continue;
            }
            int action = random.nextInt(10);
            if (action < 6) {
                JsonArrayBuilder chapters = Json.createArrayBuilder();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    chapters.add("c" + random.nextInt(CHAPTERS));
                }
                RestClient.Response answer = http.post("/api/downloads", Json.createObjectBuilder()
                        .add("libraryId", item).add("extensionId", "fixture").add("chapterIds", chapters).build());
                requests.incrementAndGet();
                if (answer.status() == 202) {
                    for (JsonValue download : answer.json().getJsonArray("downloads")) {
                        known.add(download.asJsonObject().getString("id"));
                        queued.incrementAndGet();
                    }
                } else if (answer.status() != 400) {
                    // 400: the item was deleted by the other downloader a moment ago
                    failures.add("POST /api/downloads answered " + answer.status() + ": " + answer.body());
                }
            } else if (action < 9 && !known.isEmpty()) {
                String id = known.remove(random.nextInt(known.size()));
                RestClient.Response answer = http.delete("/api/downloads/" + id);
                requests.incrementAndGet();
                if (answer.status() == 204) {
                    cancels.incrementAndGet();
                } else if (answer.status() != 400 && answer.status() != 404) {
                    failures.add("DELETE /api/downloads answered " + answer.status() + ": " + answer.body());
                }
            } else if (action == 9 && random.nextInt(5) == 0) {
                if (itemsByManga.remove(manga, item)) {
                    expect(http.delete("/api/library/" + item), 204);
                    itemsByManga.put(manga, addFixtureItem(http, manga));
                }
            }
            sleep(random.nextInt(20));
        }
    }

    private String addFixtureItem(RestClient http, String manga) {
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder().add("mangaId", manga)
                .add("extensionId", "fixture").add("title", "Manga " + manga).add("status", "reading").build());
        requests.incrementAndGet();
        assertEquals(201, added.status(), added::body);
        return added.json().getString("id");
    }

    private RestClient.Response expect(RestClient.Response answer, int status) {
        requests.incrementAndGet();
        if (answer.status() != status) {
            failures.add("expected " + status + ", got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private static JsonObject item(String mangaId) {
        return Json.createObjectBuilder().add("mangaId", mangaId).add("extensionId", "local")
                .add("title", "Title of " + mangaId).add("status", "reading").build();
    }

    private static int connections(RestClient http) {
        return http.get("/health").json().getInt("connections");
    }

    private static int active(RestClient http) {
        int active = 0;
        for (String status : List.of("queued", "downloading")) {
            active += http.get("/api/downloads?status=" + status).json().getJsonArray("downloads").size();
        }
        return active;
    }

    private void assertNoSevere() {
        assertEquals(List.of(), severe.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")")).toList(), "no SEVERE log line");
    }

    private Handler captureSevere() {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    severe.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    /**
     * Platform threads, but the JDK's own pools, which keep idle workers for a minute: the carriers of virtual threads
     * and the common pool, and the test clients' HTTP selector threads.
     */
    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !name.startsWith("ForkJoinPool") && !name.startsWith("HttpClient-"))
                .sorted()
                .toList();
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
