package dev.jamra.server.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.testing.TestServer;
import dev.jamra.server.websocket.delivery.ConnectionWriter;
import dev.jamra.server.websocket.delivery.FanOutWriters;

import com.sun.management.HotSpotDiagnosticMXBean;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded fuzzer of the event channel: many raw-socket clients send random and malformed frames (bad opcodes,
 * reserved bits, oversized and fragmented control frames, invalid UTF-8, interleaved fragments, ping floods,
 * unmasked frames, lying lengths, abrupt drops, malformed upgrades) while polite clients listen to a steady
 * stream of broadcasts. The polite ones must get every broadcast in order; afterwards no connection, writer
 * thread or memory may be left, no answer may be a 5xx and nothing sent to a client may carry a stack trace.
 *
 * <p>Seed, size and parallelism come from {@code -Djamra.fuzz.seed}, {@code -Djamra.fuzz.connections} and
 * {@code -Djamra.fuzz.parallel}; the figures of a run are printed to the standard output. docs/PROTOCOL.md
 * ("Abuse tests") has the command and the figures of the default run.
 */
class WebSocketFuzzTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.message-timeout", "PT2S"));

    private static final System.Logger LOG = System.getLogger(WebSocketFuzzTest.class.getName());

    static final long SEED = Long.getLong("jamra.fuzz.seed", 20_261_129L);
    static final int CONNECTIONS = Integer.getInteger("jamra.fuzz.connections", 300);
    static final int PARALLEL = Integer.getInteger("jamra.fuzz.parallel", 24);
    static final int MAX_ACTIONS_PER_CONNECTION = 30;
    static final int LISTENERS = 4;
    /** How much more heap, after a full collection, the run may leave in use than before it. */
    static final long HEAP_BOUND = 24L * 1024 * 1024;
    static final int MAX_MESSAGE = TestConfig.builtIn(Map.of()).get("websocket.max-message-size").asInt().get();
    /** What a stack trace or exception leaking to a client would look like. */
    private static final Pattern LEAK = Pattern.compile("Exception|Error:|\\bat [a-z]+\\.[\\w.$]+\\(|\\.java:\\d");

    private final URI uri = SERVER.uri();

    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final LongAdder badUpgrades = new LongAdder();
    private final Map<Integer, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    /** Stops a connection's script: it dropped its socket on purpose. */
    private static final class Dropped extends RuntimeException {
        Dropped() {
            super(null, null, false, false);
        }
    }

    @Test
    void hostileClientsLeaveNothingBehindAndPoliteOnesMissNothing() throws Exception {
        Await.until(() -> SERVER.app().channel().connectionCount() == 0, "no connection before the run");
        warmUp();
        long heapBefore = usedHeapAfterGc();
        List<String> threadsBefore = threadNames();
        long started = System.nanoTime();

        List<ChannelClient> listeners = new ArrayList<>();
        for (int i = 0; i < LISTENERS; i++) {
            listeners.add(ChannelClient.connect(uri));
        }
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        Thread publisher = Thread.ofPlatform().name("fuzz-publisher").start(() -> {
            while (fuzzing.get()) {
                long n = published.incrementAndGet();
                SERVER.app().channel().publish(new DownloadCancelled("fuzz-dl-" + n, "ch", n));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        });

        List<Future<?>> scripts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            for (int i = 0; i < CONNECTIONS; i++) {
                int index = i;
                scripts.add(pool.submit(() -> fuzzOne(index)));
            }
        }
        fuzzing.set(false);
        assertTrue(publisher.join(Await.TIMEOUT), "the publisher stopped");
        for (Future<?> script : scripts) {
            script.get();  // a script that failed in an unexpected way fails the test
        }

        long total = published.get();
        for (ChannelClient listener : listeners) {
            List<JsonObject> got = listener.next((int) total);
            for (int i = 0; i < total; i++) {
                // the warm-up published seq 1
                assertEquals(i + 2, got.get(i).getJsonNumber("seq").longValue(), "every broadcast, in order");
            }
            assertEquals(0, listener.pending(), "and nothing else");
            listener.close();
        }
        listeners.clear();

        Await.until(() -> SERVER.app().channel().connectionCount() == 0, "every connection is gone");
        Await.until(() -> threadDumpCount(ConnectionWriter.THREAD_PREFIX) == 0, "no writer thread is left");
        Await.until(() -> threadDumpCount(FanOutWriters.THREAD_PREFIX) == 0, "no fan-out thread is left");
        try {
            Await.until(() -> threadNames().size() <= threadsBefore.size(), "no more threads than before");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; new: " + newThreads(threadsBefore), e);
        }
        Await.until(() -> usedHeapAfterGc() < heapBefore + HEAP_BOUND, "the heap is back within "
                                                                     + HEAP_BOUND / (1024 * 1024) + " MiB");
        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the server is healthy");
        assertEquals(List.of(), List.copyOf(problems), "no 5xx, no stack trace to a client");

        String figures = String.format("WebSocket fuzz: seed %d, %d connections (%d parallel), %d frames"
                                       + " (%d bytes), %d abrupt drops, %d malformed upgrades, %d broadcasts to %d"
                                       + " listeners, close codes %s, heap after GC %+d KiB, %d ms",
                SEED, CONNECTIONS, PARALLEL, frames.sum(), bytes.sum(), drops.sum(), badUpgrades.sum(), total,
                LISTENERS, new java.util.TreeMap<>(closeCodes), (usedHeapAfterGc() - heapBefore) / 1024,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        System.out.println(figures);
        LOG.log(Level.INFO, figures);
    }

    private void fuzzOne(int index) {
        Random random = new Random(SEED * 1_000_003L + index);
        if (random.nextInt(20) == 0) {
            malformedUpgrade(random);
            return;
        }
        RawWebSocket ws = RawWebSocket.upgrade(uri, "/", Map.of());
        if (ws.status() != 101) {
            problems.add("upgrade " + index + " answered " + ws.status());
            ws.close();
            return;
        }
        ws.readTimeout(Duration.ofSeconds(5));
        try {
            int actions = 1 + random.nextInt(MAX_ACTIONS_PER_CONNECTION);
            for (int a = 0; a < actions; a++) {
                act(ws, random);
            }
            if (random.nextInt(4) == 0) {
                drops.increment();
                ws.drop();
                return;
            }
            send(ws, frame(0x80 | RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}, true, random));
        } catch (Dropped dropped) {
            return;
        } catch (UncheckedIOException serverClosed) {
            // the server closed the connection before the script was over; what it said is read below
        }
        drain(ws);
        ws.close();
    }

    /** One random thing a client may do; one in five ends the connection, by the protocol's rules. */
    private void act(RawWebSocket ws, Random random) {
        if (random.nextInt(5) == 0) {
            fatal(ws, random);
        } else {
            harmless(ws, random);
        }
    }

    /** Things a connection survives: it gets an answer, an error event or nothing. */
    private void harmless(RawWebSocket ws, Random random) {
        switch (random.nextInt(7)) {
            case 0, 1, 2 -> politeMessage(ws, random);
            case 3 -> text(ws, random, randomText(random, 1 + random.nextInt(200)).getBytes(StandardCharsets.UTF_8));
            case 4 -> {
                int pings = 20 + random.nextInt(100);
                ByteArrayOutputStream flood = new ByteArrayOutputStream();
                for (int p = 0; p < pings; p++) {
                    flood.writeBytes(frame(0x80 | RawWebSocket.PING, randomBytes(random, 8), true, random));
                }
                frames.add(pings - 1);
                send(ws, flood.toByteArray());
            }
            case 5 -> interleavedFragments(ws, random);
            default -> send(ws, frame(RawWebSocket.TEXT, "{\"event\":".getBytes(StandardCharsets.UTF_8), true,
                    random));  // a message begun and perhaps never finished (the message timeout closes it)
        }
    }

    /** Things after which the server closes the connection (or the client drops it). */
    private void fatal(RawWebSocket ws, Random random) {
        switch (random.nextInt(10)) {
            case 0 -> text(ws, random, invalidUtf8(random));
            case 1 -> {
                int[] bad = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF};
                send(ws, frame(0x80 | bad[random.nextInt(bad.length)], randomBytes(random, 20), true, random));
            }
            case 2 -> send(ws, frame(0x80 | (0x10 << random.nextInt(3)) | RawWebSocket.TEXT,
                    "{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"rsv\"}}".getBytes(StandardCharsets.UTF_8),
                    true, random));
            case 3 -> send(ws, frame(0x80 | (random.nextBoolean() ? RawWebSocket.PING : RawWebSocket.PONG),
                    randomBytes(random, 126 + random.nextInt(200)), true, random));
            case 4 -> send(ws, frame(RawWebSocket.PING, randomBytes(random, 10), true, random));  // FIN=0 control
            case 5 -> send(ws, frame(0x80 | RawWebSocket.CONTINUATION, randomBytes(random, 10), true, random));
            case 6 -> {
                byte[] payload = randomBytes(random, MAX_MESSAGE / 2 + 1);  // two of them are over the cap
                send(ws, frame(RawWebSocket.BINARY, payload, true, random));
                send(ws, frame(0x80 | RawWebSocket.CONTINUATION, payload, true, random));
            }
            case 7 -> send(ws, frame(0x80 | RawWebSocket.TEXT, "{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                    false, random));  // unmasked
            case 8 -> {
                // a header that promises more than ever comes, then the socket is cut
                byte[] whole = frame(0x80 | RawWebSocket.TEXT, randomBytes(random, 300), true, random);
                send(ws, java.util.Arrays.copyOf(whole, 2 + random.nextInt(whole.length - 2)));
                drops.increment();
                ws.drop();
                throw new Dropped();
            }
            default -> {
                byte[][] odd = {{0x03}, {0x03, (byte) 0xE7}, {0x03, (byte) 0xED}, {0x0B, (byte) 0xB8, (byte) 0xFF}};
                send(ws, frame(0x80 | RawWebSocket.CLOSE, odd[random.nextInt(odd.length)], true, random));
            }
        }
    }

    /** A valid subscribe or unsubscribe, often split into frames at random bytes, with pings between. */
    private void politeMessage(RawWebSocket ws, Random random) {
        String id = "dl-" + randomText(random, 1 + random.nextInt(20)).replace("\\", "").replace("\"", "");
        String event = random.nextBoolean() ? "subscribe:download" : "unsubscribe:download";
        byte[] message = ChannelClient.message(event, id).getBytes(StandardCharsets.UTF_8);
        int parts = 1 + random.nextInt(4);
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int to = p == parts - 1 ? message.length : from + random.nextInt(message.length - from + 1);
            int opcode = p == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION;
            send(ws, frame((p == parts - 1 ? 0x80 : 0) | opcode, java.util.Arrays.copyOfRange(message, from, to),
                    true, random));
            if (random.nextInt(3) == 0) {
                send(ws, frame(0x80 | RawWebSocket.PING, randomBytes(random, 4), true, random));
            }
            from = to;
        }
    }

    private void interleavedFragments(RawWebSocket ws, Random random) {
        send(ws, frame(RawWebSocket.TEXT, "{\"event\":\"subscribe:".getBytes(StandardCharsets.UTF_8), true, random));
        send(ws, frame(random.nextBoolean() ? RawWebSocket.BINARY : RawWebSocket.TEXT, randomBytes(random, 30), true,
                random));
        send(ws, frame(0x80 | RawWebSocket.CONTINUATION, "download\"}".getBytes(StandardCharsets.UTF_8), true,
                random));
    }

    private void text(RawWebSocket ws, Random random, byte[] payload) {
        send(ws, frame(0x80 | RawWebSocket.TEXT, payload, true, random));
    }

    private void send(RawWebSocket ws, byte[] frame) {
        frames.increment();
        bytes.add(frame.length);
        ws.sendRaw(frame);
    }

    /** Reads what the server sends until it closes, checking that nothing of it leaks internals. */
    private void drain(RawWebSocket ws) {
        try {
            while (true) {
                RawWebSocket.Frame frame = ws.readFrame();
                if (frame.opcode() == RawWebSocket.TEXT) {
                    checkNoLeak(frame.text());
                } else if (frame.opcode() == RawWebSocket.CLOSE) {
                    closeCodes.computeIfAbsent(frame.closeCode(), c -> new AtomicInteger()).incrementAndGet();
                    if (frame.payload().length > 2) {
                        checkNoLeak(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8));
                    }
                    if (frame.closeCode() < 1000 || frame.closeCode() > 4999) {
                        problems.add("not a close frame (an HTTP response?): " + frame.text());
                    }
                    if (frame.closeCode() == 1011) {
                        problems.add("closed with 1011 (a server error): " + frame.text());
                    }
                    return;
                }
            }
        } catch (UncheckedIOException ended) {
            closeCodes.computeIfAbsent(1006, c -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void checkNoLeak(String text) {
        if (LEAK.matcher(text).find()) {
            problems.add("leaked to a client: " + text);
        }
    }

    private void malformedUpgrade(Random random) {
        badUpgrades.increment();
        Map<String, String> headers = switch (random.nextInt(4)) {
            case 0 -> Map.of("Sec-WebSocket-Version", "8");
            case 1 -> Map.of("Sec-WebSocket-Key", "not base64 ###");
            case 2 -> Map.of("Upgrade", "websocket, h2c", "Connection", "keep-alive, Upgrade");
            default -> Map.of("Sec-WebSocket-Key", "");
        };
        try (RawWebSocket ws = RawWebSocket.upgrade(uri, random.nextBoolean() ? "/" : "/ws?x=%zz", headers)) {
            if (ws.status() >= 500) {
                problems.add("a malformed upgrade (" + headers + ") answered " + ws.status());
            } else if (ws.status() != 101) {
                checkNoLeak(ws.refusalBody());
            } else {
                ws.sendClose(1000);
                drain(ws);
            }
        } catch (UncheckedIOException closed) {
            // the server closed the socket instead of answering: fine
        }
    }

    /** A client frame: {@code firstByte} is FIN, reserved bits and opcode as they are; masked unless told not. */
    private static byte[] frame(int firstByte, byte[] payload, boolean masked, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (((long) payload.length >>> shift) & 0xFF));
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            random.nextBytes(mask);
            out.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Text of ASCII, accented, CJK and astral characters, and JSON's own punctuation. */
    private static String randomText(Random random, int length) {
        String alphabet = "abc{}[]\":,0 é€漢";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(10) == 0) {
                text.appendCodePoint(0x1F600 + random.nextInt(40));
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    private static byte[] invalidUtf8(Random random) {
        byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        byte[] prefix = "{\"event\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] invalid = bad[random.nextInt(bad.length)];
        byte[] payload = java.util.Arrays.copyOf(prefix, prefix.length + invalid.length);
        System.arraycopy(invalid, 0, payload, prefix.length, invalid.length);
        return payload;
    }

    private static List<String> newThreads(List<String> before) {
        List<String> now = new ArrayList<>(threadNames());
        before.forEach(now::remove);
        return now;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Starts what the JVM and the test's own clients start once and keep (pollers, timers, the client's pool),
     * so that the threads counted before the run are those expected after it.
     */
    private void warmUp() throws Exception {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            SERVER.app().channel().publish(new DownloadCancelled("warm-up", "ch", 0));
            client.expect("download:cancelled");
        }
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        Await.until(() -> SERVER.app().channel().connectionCount() == 0, "the warm-up connection is gone");
    }

    /**
     * The names of all threads, virtual ones included, but for the pools of the JDK's HTTP client and the common
     * fork-join pool, which belong to the test's clients and grow and shrink on their own.
     */
    private static List<String> threadNames() {
        return threadDump().lines().map(String::trim).filter(l -> l.startsWith("\"name\":"))
                .filter(l -> !l.contains("\"HttpClient-") && !l.contains("\"ForkJoinPool")).toList();
    }

    /**
     * How often {@code text} occurs in a dump of all threads, virtual ones included (a thread dump is the only
     * place that lists those): {@code "tid"} once per thread, a name prefix once per thread of that name.
     */
    private static long threadDumpCount(String text) {
        return Pattern.compile(Pattern.quote(text)).matcher(threadDump()).results().count();
    }

    private static String threadDump() {
        try {
            Path dump = Files.createTempFile("jamra-fuzz-threads-", ".json");
            Files.delete(dump);  // the dump refuses to overwrite
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return Files.readString(dump);
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
