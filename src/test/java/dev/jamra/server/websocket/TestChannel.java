package dev.jamra.server.websocket;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.websocket.delivery.DeliveryMeter;
import dev.jamra.server.websocket.delivery.QueueLimits;
import dev.jamra.server.websocket.delivery.RecordingSocket;
import dev.jamra.server.websocket.history.ResumeRequest;
import dev.jamra.server.websocket.history.RetentionSettings;
import dev.jamra.server.websocket.history.SessionHistory;
import dev.jamra.server.websocket.time.ManualTime;

import io.helidon.config.Config;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The event channel as the server builds it, without a server: its settings from the built-in configuration
 * under a few overrides, its time moved by hand ({@link #time}), its connections over {@link RecordingSocket}s
 * of clients that answer a close frame at once, unless made {@link #connectDeaf() deaf}. Closing it shuts the
 * channel down.
 */
final class TestChannel implements AutoCloseable {
    final ManualTime time = new ManualTime();
    final WebSocketSettings settings;
    final EventChannel channel;

    /** @param overrides configuration keys such as {@code websocket.queue-capacity} and their values */
    TestChannel(Map<String, String> overrides) {
        Config websocket = TestConfig.builtIn(overrides).get("websocket");
        settings = WebSocketSettings.from(websocket);
        channel = new EventChannel(settings, RetentionSettings.from(websocket.get("retention")), time.clock(), time,
                time);
    }

    TestChannel() {
        this(Map.of());
    }

    /** A client's connection: its socket, and where it sends. */
    record Client(RecordingSocket socket, Inbound inbound) {

        /** The {@code n}th message written to it (0 is {@code connect}), waiting for it if need be. */
        JsonObject message(int n) {
            Await.until(() -> socket.texts.size() > n, "message " + n + " was written");
            return Json.createReader(new StringReader(socket.texts.get(n))).readObject();
        }

        /** The messages written to it so far. */
        List<JsonObject> messages() {
            return socket.texts.stream().map(text -> Json.createReader(new StringReader(text)).readObject()).toList();
        }

        JsonObject connect() {
            return message(0).getJsonObject("data");
        }

        String sessionId() {
            return connect().getString("sessionId");
        }

        /** Waits until {@code count} messages were written to it. */
        void awaitMessages(int count) {
            Await.until(() -> socket.texts.size() >= count, count + " messages were written");
        }

        /** Sends a whole text message. */
        void send(String json) {
            inbound.text(json.getBytes(StandardCharsets.UTF_8), true);
        }

        void subscribe(String downloadId) {
            send(command("subscribe:download", downloadId));
        }

        void unsubscribe(String downloadId) {
            send(command("unsubscribe:download", downloadId));
        }

        /** Waits for the close frame; returns its code. */
        int awaitClose() {
            Await.until(() -> socket.closeReason() != null, "the close frame was written");
            String close = socket.writes.stream().filter(w -> w.startsWith("CLOSE ")).findFirst().orElseThrow();
            return Integer.parseInt(close.substring(6));
        }
    }

    /** A connection of no channel, over a socket that records what it is sent. */
    static ClientConnection bareConnection(String sessionId) {
        return new ClientConnection(sessionId, new RecordingSocket(), new QueueLimits(8, Long.MAX_VALUE),
                DeliveryMeter.NONE, new SessionHistory.Changes(), 0, c -> { });
    }

    static String command(String event, String downloadId) {
        return "{\"event\":\"" + event + "\",\"data\":{\"downloadId\":\"" + downloadId + "\"}}";
    }

    Client connect() {
        return connect(Optional.empty());
    }

    Client connect(Optional<ResumeRequest> resume) {
        RecordingSocket socket = new RecordingSocket();
        socket.answersClose = true;
        return new Client(socket, channel.open(socket, resume));
    }

    /** A client that never answers a close frame: it is cut when the close timeout passes. */
    Client connectDeaf() {
        RecordingSocket socket = new RecordingSocket();
        return new Client(socket, channel.open(socket, Optional.empty()));
    }

    /** A client that resumes {@code sessionId} of {@code epoch} from {@code lastSeq}. */
    Client resume(String sessionId, String epoch, long lastSeq) {
        return connect(Optional.of(new ResumeRequest(sessionId, epoch, lastSeq)));
    }

    /** A client that resumes the session {@code connect} names, from {@code lastSeq}. */
    Client resume(JsonObject connect, long lastSeq) {
        return resume(connect.getString("sessionId"), connect.getString("epoch"), lastSeq);
    }

    /** Runs the reaper and heartbeat as often as they fall due within {@code duration}. */
    void advance(Duration duration) {
        time.advance(duration);
    }

    /**
     * Shuts the channel down, once a broadcast published from another thread got through: whatever the test did
     * on its own thread left the channel's lock free for everyone else.
     */
    @Override
    public void close() {
        Thread publisher = Thread.ofVirtual().start(() -> channel.publish(
                new LibraryItemRemoved("lib-closing", "m", "local", "T", 1)));
        try {
            if (!publisher.join(Await.TIMEOUT)) {
                throw new AssertionError("a publish from another thread is held up: the channel's lock was kept");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            channel.shutdown();
        }
    }
}
