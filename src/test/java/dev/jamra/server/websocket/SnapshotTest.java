package dev.jamra.server.websocket;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot in a subscribe's acknowledgement, over real sockets, while the download runs. */
class SnapshotTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of("websocket.queue-capacity", "5000"));

    private static final int PAGES = 400;

    private final URI uri = SERVER.uri();

    private static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    @Test
    void subscribingHalfWayGetsTheCurrentProgressAndNothingOlderAfterIt() throws Exception {
        String downloadId = "dl-halfway";
        try (ChannelClient watcher = ChannelClient.connect(uri);  // sees every event, to tell what "current" was
             ChannelClient late = ChannelClient.connect(uri);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            late.subscribe("dl-something-else");  // so it receives only what it follows
            SERVER.app().channel().publish(new DownloadStarted(downloadId, "manga", "ch-1", System.currentTimeMillis()));
            Future<?> download = pool.submit(() -> {
                for (int page = 1; page <= PAGES; page++) {
                    SERVER.app().channel().publish(DownloadProgress.of(downloadId, "ch-1", page, PAGES,
                            System.currentTimeMillis()));
                    Thread.yield();
                }
                SERVER.app().channel().publish(new DownloadChapterComplete(downloadId, "ch-1", PAGES,
                        System.currentTimeMillis()));
            });
            // started and the first page: the download runs; kept, since the snapshot may be that first page
            List<JsonObject> seenByWatcher = new ArrayList<>(watcher.next(2));
            late.send(ChannelClient.message("subscribe:download", downloadId));
            JsonObject ack = null;
            long lastSeen = 0;
            while (ack == null) {
                JsonObject message = late.next();
                if (message.getString("event").equals("subscription:ack")) {
                    ack = message;
                } else {
                    lastSeen = seq(message);  // an event of the download queued before the ack
                }
            }
            download.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            JsonObject snapshot = ack.getJsonObject("data").getJsonObject("snapshot");
            long snapshotSeq = snapshot.getJsonNumber("seq").longValue();
            assertTrue(snapshotSeq >= lastSeen, "the snapshot is at least as new as anything before the ack");
            seenByWatcher.addAll(watcher.next(PAGES));
            JsonObject published = seenByWatcher.stream()
                    .filter(message -> seq(message) == snapshotSeq)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the watcher never saw seq " + snapshotSeq));
            assertEquals(published.getString("event"), snapshot.getString("event"));
            assertEquals(published.getJsonObject("data"), snapshot.getJsonObject("data"), "the current progress");

            // every later event of the download is newer than the snapshot, up to the last one
            long last = snapshotSeq;
            String event = snapshot.getString("event");
            while (!event.equals("download:chapter:complete")) {
                JsonObject message = late.next();
                assertTrue(seq(message) > last, "nothing as old as the snapshot after it");
                last = seq(message);
                event = message.getString("event");
            }
            assertEquals(0, late.pending());
        }
    }

    @Test
    void anUnknownDownloadHasNoSnapshotAndAnUnsubscribeNone() {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            client.send(ChannelClient.message("subscribe:download", "dl-never-published"));
            JsonObject ack = client.expect("subscription:ack").getJsonObject("data");
            assertFalse(ack.containsKey("snapshot"));

            SERVER.app().channel().publish(DownloadProgress.of("dl-known", "ch", 1, 2, System.currentTimeMillis()));
            client.send(ChannelClient.message("unsubscribe:download", "dl-known"));
            assertFalse(client.expect("subscription:ack").getJsonObject("data").containsKey("snapshot"));
            client.send(ChannelClient.message("subscribe:download", "dl-known"));
            JsonObject known = client.expect("subscription:ack").getJsonObject("data").getJsonObject("snapshot");
            assertEquals("download:progress", known.getString("event"));
            assertEquals(50, known.getJsonObject("data").getInt("percentage"));
        }
    }
}
