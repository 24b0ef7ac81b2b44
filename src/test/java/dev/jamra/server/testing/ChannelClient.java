package dev.jamra.server.testing;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A WebSocket client for tests, on the JDK's {@link java.net.http.WebSocket}: it keeps every message the server
 * sends, in order, and every wait on it is bounded by {@link Await#TIMEOUT}. It holds the server to the
 * channel's AsyncAPI document ({@link ChannelContract}): every message received must match its schema, and so
 * must every message the server accepts (answers with {@code subscription:ack}); a message the document allows
 * may be refused only for the subscription limit. A breach fails the next {@link #next()} or {@link #close()}.
 */
public final class ChannelClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Made once: {@code Json.createReader} looks its provider up on the class path at every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final List<String> contractBreaches = new CopyOnWriteArrayList<>();
    /** For each message sent and not yet answered, in order: what the document finds wrong with it, if anything. */
    private final ConcurrentLinkedQueue<Optional<String>> unanswered = new ConcurrentLinkedQueue<>();
    private final WebSocket socket;

    private ChannelClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Await.TIMEOUT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Collector()).orTimeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** Connects to the event channel at {@code server}'s root and waits for {@code connect}. */
    public static ChannelClient connect(URI server) {
        return connect(server, "/", Map.of());
    }

    public static ChannelClient connect(URI server, String path, Map<String, String> headers) {
        ChannelClient client = open(server, path, headers);
        assertEquals("connect", client.next().getString("event"), "first message");
        return client;
    }

    /** Connects without waiting for anything. */
    public static ChannelClient open(URI server, String path, Map<String, String> headers) {
        return new ChannelClient(wsUri(server, path), headers);
    }

    public static URI wsUri(URI server, String path) {
        return URI.create("ws://" + server.getHost() + ":" + server.getPort() + path);
    }

    public void send(String text) {
        unanswered.add(ChannelContract.get().checkClientMessage(text));
        socket.sendText(text, true).orTimeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] bytes) {
        unanswered.add(Optional.of("a binary message"));
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Subscribes to a download and waits for the acknowledgement. */
    public void subscribe(String downloadId) {
        send(message("subscribe:download", downloadId));
        expectAck("subscribed", downloadId);
    }

    public void unsubscribe(String downloadId) {
        send(message("unsubscribe:download", downloadId));
        expectAck("unsubscribed", downloadId);
    }

    public void expectAck(String action, String downloadId) {
        JsonObject ack = next();
        assertEquals("subscription:ack", ack.getString("event"), () -> "expected an ack, got " + ack);
        assertEquals(action, ack.getJsonObject("data").getString("action"));
        assertEquals("download", ack.getJsonObject("data").getString("type"));
        assertEquals(downloadId, ack.getJsonObject("data").getString("downloadId"));
    }

    public static String message(String event, String downloadId) {
        return Json.createObjectBuilder()
                .add("event", event)
                .add("data", Json.createObjectBuilder().add("downloadId", downloadId))
                .add("timestamp", System.currentTimeMillis())
                .build()
                .toString();
    }

    /** The next message, waiting for it. */
    public JsonObject next() {
        try {
            JsonObject message = messages.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("No message within " + Await.TIMEOUT + (closeCode.isDone() ? "; closed with "
                        + closeCode.getNow(null) : ""));
            }
            assertContractKept();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code count} messages. */
    public List<JsonObject> next(int count) {
        List<JsonObject> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(next());
        }
        return result;
    }

    /** The next message, which must be {@code event}. */
    public JsonObject expect(String event) {
        JsonObject message = next();
        assertEquals(event, message.getString("event"), () -> "unexpected message " + message);
        return message;
    }

    /** Waits for the server to close the connection and returns its close code. */
    public int awaitClose() {
        return awaitClose(Await.TIMEOUT);
    }

    public int awaitClose(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Connection not closed within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Messages received since the connection opened, taken or not. */
    public int received() {
        return received.get();
    }

    /** Messages received and not yet taken. */
    public int pending() {
        return messages.size();
    }

    /** Sends a normal close and waits for the server's answer; fails if the server broke the contract. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        try {
            closeCode.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            socket.abort();
        }
        assertContractKept();
    }

    /** Fails if any message so far broke the channel's AsyncAPI document. */
    public void assertContractKept() {
        if (!contractBreaches.isEmpty()) {
            fail("The event channel broke its AsyncAPI document: " + contractBreaches);
        }
    }

    /** Holds one received message to the contract, and the message it answers if it answers one. */
    private void checkContract(String text, JsonObject message) {
        ChannelContract.get().checkServerMessage(text).ifPresent(contractBreaches::add);
        String event = message.getString("event", "");
        if (event.equals("subscription:ack")) {
            Optional<String> sent = unanswered.poll();
            if (sent != null && sent.isPresent()) {
                contractBreaches.add("the server accepted a message the document refuses: " + sent.get());
            }
        } else if (event.equals("error")) {
            Optional<String> sent = unanswered.poll();
            String why = message.getJsonObject("data").getString("message", "");
            if (sent != null && sent.isEmpty() && !isCapacityRefusal(why)) {
                contractBreaches.add("the server refused a message the document allows: " + why);
            }
        }
    }

    /** A valid message refused for the server's limits, not for its form: the document cannot foresee these. */
    private static boolean isCapacityRefusal(String why) {
        return why.startsWith("Subscription limit") || why.startsWith("The server follows too many downloads");
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                    JsonObject message = reader.readObject();
                    checkContract(text, message);
                    messages.add(message);
                    received.incrementAndGet();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
