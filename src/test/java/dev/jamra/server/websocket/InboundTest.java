package dev.jamra.server.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.testing.Await;
import dev.jamra.server.websocket.delivery.RecordingSocket;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a client sends, without a server: requests answered, mistakes told, frames that end the connection. */
class InboundTest {

    private static String error(JsonObject message) {
        assertEquals("error", message.getString("event"), message::toString);
        return message.getJsonObject("data").getString("message");
    }

    @Test
    void subscriptionsAreAcknowledgedWithTheDownloadsLatestEvent() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client client = hub.connect();
            hub.channel.publish(DownloadProgress.of("dl-1", "ch", 3, 4, 1));
            client.awaitMessages(2);
            client.subscribe("dl-1");
            JsonObject ack = client.message(2).getJsonObject("data");
            assertEquals("subscribed", ack.getString("action"));
            assertEquals(1, ack.getJsonObject("snapshot").getJsonNumber("seq").longValue());
            assertEquals(75, ack.getJsonObject("snapshot").getJsonObject("data").getInt("percentage"));
            client.subscribe("dl-1");
            assertEquals("subscribed", client.message(3).getJsonObject("data").getString("action"), "again: fine");
            client.unsubscribe("dl-1");
            JsonObject unsubscribed = client.message(4).getJsonObject("data");
            assertEquals("unsubscribed", unsubscribed.getString("action"));
            assertFalse(unsubscribed.containsKey("snapshot"));
            client.subscribe("dl-never");
            JsonObject never = client.message(5).getJsonObject("data");
            assertEquals("dl-never", never.getString("downloadId"));
            assertFalse(never.containsKey("snapshot"), "nothing published of it");
            client.unsubscribe("dl-never");
            client.unsubscribe("dl-never");
            assertEquals("unsubscribed", client.message(7).getJsonObject("data").getString("action"), "again: fine");
            assertEquals(8, client.messages().size(), "one answer each, nothing else");
        }
    }

    @Test
    void subscriptionsPastTheLimitsGetAnErrorAndTheConnectionStays() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.max-subscriptions", "1",
                "websocket.subscription-memory", "400"))) {
            TestChannel.Client first = hub.connect();
            first.subscribe("dl-1");
            first.subscribe("dl-2");
            assertTrue(error(first.message(2)).contains("at most 1 downloads"), first.message(2)::toString);
            TestChannel.Client second = hub.connect();
            second.subscribe("dl-3");  // 160 + 8 bytes each: a third does not fit in 400
            TestChannel.Client third = hub.connect();
            third.subscribe("dl-4");
            assertTrue(error(third.message(1)).contains("too many downloads"), third.message(1)::toString);
            hub.channel.publish(DownloadProgress.of("dl-1", "ch", 1, 2, 1));
            assertEquals("download:progress", first.message(3).getString("event"), "it still works");
        }
    }

    @Test
    void wrongMessagesGetAnErrorSayingWhatWasWrong() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client client = hub.connect();
            client.send("{not json");
            assertTrue(error(client.message(1)).startsWith("Malformed JSON"));
            client.send("{\"event\":\"download:start\"}");
            assertEquals("Unknown client event: download:start", error(client.message(2)));
            client.inbound().binary(3, true);
            assertTrue(error(client.message(3)).startsWith("Binary messages are not supported"));
            client.inbound().binary(3, false);
            client.inbound().binary(3, true);
            assertTrue(error(client.message(4)).startsWith("Binary"), "one error per binary message");
            assertEquals(5, client.messages().size());
        }
    }

    @Test
    void aMessageInSeveralFramesIsDecodedWhole() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client client = hub.connect();
            byte[] whole = TestChannel.command("subscribe:download", "dl-é").getBytes(StandardCharsets.UTF_8);
            int split = whole.length - 4;  // inside the é
            client.inbound().text(java.util.Arrays.copyOfRange(whole, 0, split), false);
            client.inbound().text(java.util.Arrays.copyOfRange(whole, split, whole.length), true);
            assertEquals("dl-é", client.message(1).getJsonObject("data").getString("downloadId"));
        }
    }

    @Test
    void aMessageTooBigOrNotUtf8ClosesTheConnection() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.max-message-size", "16"))) {
            TestChannel.Client big = hub.connect();
            big.inbound().text(new byte[10], false);
            big.inbound().text(new byte[10], true);
            assertEquals(1009, big.awaitClose());
            assertEquals("Message larger than 16 bytes", big.socket().closeReason());

            TestChannel.Client bigBinary = hub.connect();
            bigBinary.inbound().binary(17, true);
            assertEquals(1009, bigBinary.awaitClose());

            TestChannel.Client garbled = hub.connect();
            garbled.inbound().text(new byte[] {'"', (byte) 0xC3, '"'}, true);
            assertEquals(1007, garbled.awaitClose());

            TestChannel.Client small = hub.connect();  // the cap is per message: each starts from nothing
            small.inbound().text(new byte[10], true);
            small.inbound().text(new byte[10], true);
            small.inbound().binary(10, true);
            small.inbound().binary(10, true);
            small.awaitMessages(5);
            assertFalse(small.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")), "four answers, no close");
        }
    }

    @Test
    void aMessageLeftUnfinishedPastTheMessageTimeoutClosesTheConnection() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.message-timeout", "PT5S"))) {
            TestChannel.Client finishing = hub.connect();
            TestChannel.Client unfinished = hub.connect();
            TestChannel.Client finishingBinary = hub.connect();
            TestChannel.Client unfinishedBinary = hub.connect();
            finishing.inbound().text("{\"event\":".getBytes(StandardCharsets.UTF_8), false);
            unfinished.inbound().text("{\"event\":".getBytes(StandardCharsets.UTF_8), false);
            finishingBinary.inbound().binary(3, false);
            unfinishedBinary.inbound().binary(3, false);
            hub.advance(Duration.ofSeconds(4));
            finishing.inbound().text("\"x\"}".getBytes(StandardCharsets.UTF_8), true);
            finishingBinary.inbound().binary(3, true);
            hub.advance(Duration.ofSeconds(2));
            assertEquals(1008, unfinished.awaitClose());
            assertEquals("Message not finished within PT5S", unfinished.socket().closeReason());
            assertEquals(1008, unfinishedBinary.awaitClose(), "a binary message too");
            assertEquals("Unknown client event: x", error(finishing.message(1)), "the finished one was answered");
            assertTrue(error(finishingBinary.message(1)).startsWith("Binary"));
            hub.advance(Duration.ofSeconds(10));
            assertFalse(finishing.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")),
                    "a finished message starts no clock");
            assertFalse(finishingBinary.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")));
        }
    }

    @Test
    void pingsAreAnsweredAndEveryFrameCountsAsHearingFromTheClient() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.idle-timeout", "PT10S",
                "websocket.ping-interval", "PT1H"))) {
            TestChannel.Client pinging = hub.connect();
            TestChannel.Client ponging = hub.connect();
            TestChannel.Client sendingBinary = hub.connect();
            TestChannel.Client sendingText = hub.connect();
            TestChannel.Client silent = hub.connect();
            for (int i = 1; i <= 3; i++) {
                hub.advance(Duration.ofSeconds(6));
                pinging.inbound().ping(new byte[] {1});
                ponging.inbound().pong();
                sendingBinary.inbound().binary(1, true);
                sendingText.send("{}");
                long pongs = i;  // each answered before the next ping: a newer pong replaces one still waiting
                Await.until(() -> pinging.socket().writes.stream().filter("PONG"::equals).count() == pongs,
                        "the ping was answered");
                if (i == 2) {
                    assertEquals(1000, silent.awaitClose(), "silent past the idle timeout");
                }
            }
            assertTrue(pinging.socket().isOpen() && ponging.socket().isOpen());
            assertFalse(ponging.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")));
            assertFalse(pinging.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")));
            assertFalse(sendingBinary.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")));
            assertFalse(sendingText.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")));
        }
    }

    @Test
    void aClientThatDoesNotReadTheAnswersItAsksForIsClosedAsASlowConsumer() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.queue-capacity", "2",
                "websocket.close-timeout", "PT0.2S"))) {  // neither answers its close: the shutdown waits that long
            RecordingSocket mistaken = new RecordingSocket(true);
            RecordingSocket subscribing = new RecordingSocket(true);
            Inbound wrong = hub.channel.open(mistaken, Optional.empty());
            Inbound follows = hub.channel.open(subscribing, Optional.empty());
            Await.until(() -> mistaken.writing.get() == 1 && subscribing.writing.get() == 1,
                    "their connects are being written");
            for (int i = 0; i < 3; i++) {  // the third answer finds the queue full
                wrong.text("{not json".getBytes(StandardCharsets.UTF_8), true);
                follows.text(TestChannel.command("subscribe:download", "dl-" + i).getBytes(StandardCharsets.UTF_8),
                        true);
            }
            assertEquals(2, hub.channel.stats().slowConsumerCloses());
            mistaken.release.countDown();
            subscribing.release.countDown();
            Await.until(() -> mistaken.writes.contains("CLOSE 1008") && subscribing.writes.contains("CLOSE 1008"),
                    "both are closed, their answers dropped");
        }
    }

    @Test
    void theClientsCloseOrAFrameTheTransportRefusesEndsTheConnection() {
        try (TestChannel hub = new TestChannel();
             EndedSessions ended = EndedSessions.watch()) {
            TestChannel.Client closing = hub.connect();
            TestChannel.Client failing = hub.connect();
            String failingId = failing.sessionId();  // its connect is written before the end drops what waits
            assertEquals(closing.sessionId(), closing.inbound().sessionId());
            closing.inbound().close(1000, "bye");
            assertEquals(1, hub.channel.connectionCount());
            assertEquals("closed by the client: 1000 bye", ended.how(closing.sessionId()));
            failing.inbound().transportClosed("invalid frame");
            assertEquals(0, hub.channel.connectionCount());
            assertEquals("invalid frame", ended.how(failingId));
            JsonObject session = closing.connect();
            assertTrue(hub.resume(session, 0).connect()
                    .getBoolean("resumed"), "a session closed by its client may be resumed");
        }
    }
}
