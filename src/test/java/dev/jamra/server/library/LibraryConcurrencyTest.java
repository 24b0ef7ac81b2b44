package dev.jamra.server.library;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RestClient.Response;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 concurrent writes from 16 threads (adds, status patches, favorite toggles on the same items, progress
 * upserts): every one succeeds, none is lost, and the stats add up.
 */
class LibraryConcurrencyTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private static final int THREADS = 16;
    private static final int EXISTING = 40;
    private static final int ADDS = 80;
    private static final int TOGGLED = 20;
    private static final int WITH_PROGRESS = 30;
    private static final LibraryStatus[] STATUSES = LibraryStatus.values();

    private final LibraryApi api = new LibraryApi(SERVER.uri());

    private static LibraryStatus statusOf(int index) {
        return STATUSES[index % STATUSES.length];
    }

    @Test
    void concurrentWritesAllLandAndTheStatsAddUp() throws Exception {
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < EXISTING; i++) {
            existing.add(api.add("Existing " + i, "plan_to_read").getString("id"));
        }

        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < ADDS; i++) {
            JsonObject body = LibraryApi.newItem("concurrent-" + i, "Added " + i, statusOf(i).wireName()).build();
            requests.add(() -> api.rest.post("/api/library", body));
        }
        for (int j = 0; j < EXISTING; j++) {
            String path = "/api/library/" + existing.get(j);
            JsonObject body = Json.createObjectBuilder().add("status", statusOf(j + 1).wireName()).build();
            requests.add(() -> api.rest.patch(path, body));
            if (j < TOGGLED) {
                // the same row as the status patch: both changes must survive
                requests.add(() -> api.rest.patch(path + "/favorite", ""));
            }
        }
        for (int j = 0; j < WITH_PROGRESS; j++) {
            String path = "/api/library/" + existing.get(j) + "/progress";
            for (String chapter : List.of("c1", "c2")) {
                JsonObject body = Json.createObjectBuilder().add("chapterId", chapter).add("pageNumber", j)
                        .add("totalPages", 100).build();
                requests.add(() -> api.rest.put(path, body));
            }
        }
        assertEquals(200, requests.size());
        Collections.shuffle(requests, new Random(42));

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Response>> answers = threads.invokeAll(requests, 2 * Await.TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS);
            for (Future<Response> answer : answers) {
                int status = answer.get().status();
                assertTrue(status == 200 || status == 201, answer.get()::toString);
            }
        } finally {
            threads.shutdownNow();
        }

        Map<LibraryStatus, Integer> expected = new EnumMap<>(LibraryStatus.class);
        for (int i = 0; i < ADDS; i++) {
            expected.merge(statusOf(i), 1, Integer::sum);
        }
        for (int j = 0; j < EXISTING; j++) {
            JsonObject item = api.get(existing.get(j));
            assertEquals(statusOf(j + 1).wireName(), item.getString("status"), item::toString);
            assertEquals(j < TOGGLED, item.getBoolean("favorite"), item::toString);
            expected.merge(statusOf(j + 1), 1, Integer::sum);

            Response progress = api.rest.get("/api/library/" + existing.get(j) + "/progress");
            assertEquals(j < WITH_PROGRESS ? 2 : 0, progress.array().size(), progress::toString);
        }
        assertEquals(Json.createObjectBuilder()
                .add("total", EXISTING + ADDS)
                .add("reading", expected.get(LibraryStatus.READING))
                .add("completed", expected.get(LibraryStatus.COMPLETED))
                .add("planToRead", expected.get(LibraryStatus.PLAN_TO_READ))
                .add("dropped", expected.get(LibraryStatus.DROPPED))
                .add("onHold", expected.get(LibraryStatus.ON_HOLD))
                .build(), api.stats());
        assertEquals(EXISTING + ADDS, api.rest.get("/api/library?limit=500").json().getJsonArray("items").size());
        assertEquals(TOGGLED, api.rest.get("/api/library?favorite=true").json().getInt("total"));
    }
}
