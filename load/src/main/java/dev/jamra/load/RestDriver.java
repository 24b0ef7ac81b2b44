package dev.jamra.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes events through the public REST API: creates one library item, then toggles its favorite flag at a
 * fixed rate; each toggle is one {@code library:item:updated} for every client.
 */
final class RestDriver implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_IN_FLIGHT = 512;

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("load-ticker").daemon().factory());
    private String libraryId;

    RestDriver(URI base) {
        this.base = base;
    }

    /** Creates the item whose updates are measured; returns its id. */
    String createItem() throws IOException, InterruptedException {
        String body = "{\"mangaId\":\"load-" + UUID.randomUUID() + "\",\"extensionId\":\"local\","
                      + "\"title\":\"Load test\",\"status\":\"reading\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/library"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST /api/library answered " + response.statusCode() + ": " + response.body());
        }
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IOException("no id in " + response.body());
        }
        libraryId = id.group(1);
        return libraryId;
    }

    /**
     * Sends {@code count} favorite toggles at {@code perSecond}, waiting for their answers.
     *
     * @return how many the server acknowledged with 200
     */
    int toggle(int count, int perSecond) throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        HttpRequest toggle = HttpRequest.newBuilder(base.resolve("/api/library/" + libraryId + "/favorite"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        long periodNanos = 1_000_000_000L / perSecond;
        var schedule = ticker.scheduleAtFixedRate(() -> {
            if (sent.get() >= count || inFlight.get() >= MAX_IN_FLIGHT) {
                return;  // a server that cannot keep up gets fewer updates, reported as a lower achieved rate
            }
            sent.incrementAndGet();
            inFlight.incrementAndGet();
            http.sendAsync(toggle, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 200) {
                    acknowledged.incrementAndGet();
                }
                inFlight.decrementAndGet();
                answered.incrementAndGet();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        long deadline = System.nanoTime() + periodNanos * count + TimeUnit.SECONDS.toNanos(60);
        while (answered.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        schedule.cancel(false);
        return acknowledged.get();
    }

    /** Removes the item again. */
    void deleteItem() {
        if (libraryId == null) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(base.resolve("/api/library/" + libraryId)).DELETE()
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            System.err.println("could not delete the load-test item: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        http.close();
    }
}
