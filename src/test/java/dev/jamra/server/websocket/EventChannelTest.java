package dev.jamra.server.websocket;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event channel over real sockets: handshake, delivery rules, client messages, disconnects, load. */
class EventChannelTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void publishProgress(String downloadId, int page) {
        SERVER.app().channel().publish(DownloadProgress.of(downloadId, "ch-" + downloadId, page, 10, now()));
    }

    private static void publishLibraryRemoved(String libraryId) {
        SERVER.app().channel().publish(new LibraryItemRemoved(libraryId, "manga-1", "local", "Title", now()));
    }

    @Test
    void connectIsTheFirstMessageAndNamesTheSession() {
        try (ChannelClient client = ChannelClient.open(uri, "/", Map.of());
             ChannelClient other = ChannelClient.open(uri, "/ws", Map.of())) {
            JsonObject connect = client.next();
            assertEquals("connect", connect.getString("event"));
            assertEquals("Connected to manga reader server", connect.getJsonObject("data").getString("message"));
            String sessionId = connect.getJsonObject("data").getString("sessionId");
            assertThat(sessionId, not(emptyString()));
            assertTrue(connect.getJsonNumber("timestamp").longValue() > 0);
            assertFalse(connect.containsKey("seq"), "connect is not a broadcast");

            JsonObject otherConnect = other.expect("connect");
            assertThat(otherConnect.getJsonObject("data").getString("sessionId"), not(is(sessionId)));
        }
    }

    @Test
    void eachClientReceivesWhatTheDeliveryRulesSay() {
        try (ChannelClient everything = ChannelClient.connect(uri);
             ChannelClient followsA = ChannelClient.connect(uri);
             ChannelClient followsB = ChannelClient.connect(uri)) {
            followsA.subscribe("dl-A");
            followsB.subscribe("dl-B");

            publishProgress("dl-A", 1);
            publishProgress("dl-B", 1);
            publishLibraryRemoved("lib-1");

            List<JsonObject> all = everything.next(3);
            assertEquals(List.of("dl-A", "dl-B", "lib-1"), all.stream().map(EventChannelTest::subject).toList());
            // Broadcasts arrive in order, so the next message after A's event being the library event proves
            // that B's event was not delivered in between.
            assertEquals(List.of("dl-A", "lib-1"), followsA.next(2).stream().map(EventChannelTest::subject).toList());
            assertEquals(List.of("dl-B", "lib-1"), followsB.next(2).stream().map(EventChannelTest::subject).toList());

            long firstSeq = all.get(0).getJsonNumber("seq").longValue();
            assertEquals(firstSeq + 1, all.get(1).getJsonNumber("seq").longValue());
            assertEquals(firstSeq + 2, all.get(2).getJsonNumber("seq").longValue());
        }
    }

    @Test
    void unsubscribingTheLastDownloadRestoresTheFirehose() {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            client.subscribe("dl-1");
            client.subscribe("dl-1");  // twice: acknowledged again, no error
            client.subscribe("dl-2");
            client.unsubscribe("dl-1");
            publishProgress("dl-3", 1);
            publishProgress("dl-2", 1);
            assertEquals("dl-2", subject(client.next()), "still filtered while dl-2 is followed");

            client.unsubscribe("dl-2");
            client.unsubscribe("dl-never");  // not subscribed: acknowledged, no error
            publishProgress("dl-3", 2);
            assertEquals("dl-3", subject(client.next()), "no subscriptions left: everything again");
        }
    }

    @Test
    void everyInvalidInputGetsAnErrorAndTheConnectionKeepsWorking() {
        Map<String, String> invalid = new java.util.LinkedHashMap<>();
        invalid.put("{not json", "Malformed JSON");
        invalid.put("{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"x\"}} junk", "Malformed JSON");
        invalid.put("[1,2]", "must be a JSON object");
        invalid.put("\"text\"", "must be a JSON object");
        invalid.put("{\"data\":{\"downloadId\":\"x\"}}", "missing the \"event\" field");
        invalid.put("{\"event\":42,\"data\":{\"downloadId\":\"x\"}}", "\"event\" must be a string");
        invalid.put("{\"event\":\"download:start\",\"data\":{\"downloadId\":\"x\"}}", "Unknown client event: download:start");
        invalid.put("{\"event\":\"subscribe:download\"}", "needs a \"data\" object");
        invalid.put("{\"event\":\"subscribe:download\",\"data\":{}}", "missing data.downloadId");
        invalid.put("{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"\"}}", "must not be empty");
        invalid.put("{\"event\":\"unsubscribe:download\",\"data\":{\"downloadId\":7}}", "downloadId must be a string");
        invalid.put("{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"" + "x".repeat(300) + "\"}}",
                "longer than 256");

        try (ChannelClient client = ChannelClient.connect(uri)) {
            invalid.forEach((input, problem) -> {
                client.send(input);
                JsonObject error = client.expect("error");
                assertThat("answer to " + input, error.getJsonObject("data").getString("message"),
                        containsString(problem));
            });
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.expect("error").getJsonObject("data").getString("message"), containsString("Binary"));

            client.subscribe("dl-ok");
            publishProgress("dl-ok", 1);
            assertEquals("dl-ok", subject(client.next()), "the same connection still works");
        }
    }

    @Test
    void closedAndDroppedClientsAreRemoved() {
        EventChannel channel = SERVER.app().channel();
        Await.until(() -> channel.connectionCount() == 0, "earlier tests' connections are gone");

        ChannelClient closing = ChannelClient.connect(uri);
        closing.subscribe("dl-gone");
        RawWebSocket dropping = RawWebSocket.upgrade(uri, "/", Map.of());
        assertEquals(101, dropping.status());
        assertThat(dropping.readFrame().text(), containsString("\"connect\""));
        Await.until(() -> channel.connectionCount() == 2, "both are registered");

        closing.close();
        dropping.drop();
        Await.until(() -> channel.connectionCount() == 0, "both are removed");

        publishProgress("dl-gone", 1);
        publishLibraryRemoved("lib-after");
        try (ChannelClient fresh = ChannelClient.connect(uri)) {
            publishProgress("dl-fresh", 1);
            assertEquals("dl-fresh", subject(fresh.next()));
        }
    }

    @Test
    void concurrentPublishersReachEveryClientInTheirOwnOrder() throws Exception {
        int clients = 20;
        int publishers = 8;
        int perPublisher = 125;  // 1,000 events in all
        List<ChannelClient> connected = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connected.add(ChannelClient.connect(uri));
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(publishers)) {
                List<Future<?>> done = new ArrayList<>();
                for (int p = 0; p < publishers; p++) {
                    String downloadId = "publisher-" + p;
                    done.add(pool.submit(() -> {
                        for (int n = 1; n <= perPublisher; n++) {
                            SERVER.app().channel().publish(new DownloadStarted(downloadId, "manga", String.valueOf(n),
                                    now()));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            for (ChannelClient client : connected) {
                Map<String, Integer> lastByPublisher = new HashMap<>();
                long lastSeq = 0;
                for (JsonObject message : client.next(publishers * perPublisher)) {
                    assertEquals("download:started", message.getString("event"));
                    long seq = message.getJsonNumber("seq").longValue();
                    assertTrue(seq > lastSeq, "seq grows on every connection");
                    lastSeq = seq;
                    String publisher = subject(message);
                    int n = Integer.parseInt(message.getJsonObject("data").getString("chapterId"));
                    int previous = lastByPublisher.getOrDefault(publisher, 0);
                    assertEquals(previous + 1, n, () -> publisher + " out of order");
                    lastByPublisher.put(publisher, n);
                }
                assertEquals(publishers, lastByPublisher.size());
                lastByPublisher.values().forEach(last -> assertEquals(perPublisher, last));
            }
        } finally {
            connected.forEach(ChannelClient::close);
        }
    }

    private static String subject(JsonObject message) {
        JsonObject data = message.getJsonObject("data");
        return Optional.ofNullable(data.getString("downloadId", null)).orElseGet(() -> data.getString("libraryId"));
    }
}
