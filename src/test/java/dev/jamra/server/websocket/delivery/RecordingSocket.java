package dev.jamra.server.websocket.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ClientSocket} for tests: it records each write (the texts of its frames joined by "+", one entry per
 * socket write), each control frame ({@code PING}, {@code PONG}, {@code CLOSE <code>}) and every text in order;
 * it can hold writes until released or make them fail, notes how many threads were ever writing at once, and
 * ends when it is cut or when the test says the client went.
 */
public class RecordingSocket implements ClientSocket {
    /** What each socket write carried, in order. */
    public final List<String> writes = new CopyOnWriteArrayList<>();
    /** Every text message written, in order. */
    public final List<String> texts = new CopyOnWriteArrayList<>();
    /** Released, writes go through; counted down already unless the socket was made blocked. */
    public final CountDownLatch release;
    /** Threads in a write now. */
    public final AtomicInteger writing = new AtomicInteger();
    public final AtomicInteger mostWritingAtOnce = new AtomicInteger();
    public final Set<String> writingThreads = ConcurrentHashMap.newKeySet();
    /** Every thread that wrote, to see whether they ended. */
    public final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Makes every write fail, as a socket the client reset. */
    public volatile boolean fail;
    /** Whether a cut fails a write blocked on the socket, as a closed socket does; if not, only an interrupt does. */
    public volatile boolean cutFailsWrites = true;
    /** Whether the client answers the close frame at once, as a polite one does: the socket then ends. */
    public volatile boolean answersClose;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean cut;
    private volatile String closeReason;

    /** A socket whose client reads at once. */
    public RecordingSocket() {
        this(false);
    }

    /** @param blocked whether writes wait until {@link #release} is counted down */
    public RecordingSocket(boolean blocked) {
        release = new CountDownLatch(blocked ? 1 : 0);
    }

    @Override
    public void write(byte[] frames) {
        mostWritingAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
        writingThreads.add(Thread.currentThread().getName());
        threads.add(Thread.currentThread());
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            if (fail || cut) {
                throw new IllegalStateException("socket closed");
            }
            List<String> written = decode(frames);
            texts.addAll(written);
            writes.add(String.join("+", written));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            writing.decrementAndGet();
        }
    }

    /** The payloads of the unmasked final text frames in {@code bytes}. */
    private static List<String> decode(byte[] bytes) {
        List<String> texts = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            if ((bytes[at] & 0xFF) != 0x81) {
                throw new AssertionError("not a final text frame: " + bytes[at]);
            }
            int length7 = bytes[at + 1] & 0x7F;
            int header = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
            long length = length7;
            if (length7 >= 126) {
                length = 0;
                for (int i = 2; i < header; i++) {
                    length = (length << 8) | (bytes[at + i] & 0xFF);
                }
            }
            texts.add(new String(bytes, at + header, (int) length, StandardCharsets.UTF_8));
            at += header + (int) length;
        }
        return texts;
    }

    /** Whether every thread that wrote to it has ended. */
    public boolean writersEnded() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void ping() {
        writes.add("PING");
    }

    @Override
    public void pong(byte[] payload) {
        writes.add("PONG");
    }

    @Override
    public void close(int code, String reason) {
        writes.add("CLOSE " + code);
        closeReason = reason;  // last: a test that sees the reason finds the close frame among the writes
        if (answersClose) {
            end();
        }
    }

    /** The text of the close frame sent, if any. */
    public String closeReason() {
        return closeReason;
    }

    /** Ends the socket, failing a write blocked on it (unless {@link #cutFailsWrites} is off). */
    @Override
    public void cut() {
        cut = true;
        if (cutFailsWrites) {
            release.countDown();
        }
        ended.countDown();
    }

    public boolean wasCut() {
        return cut;
    }

    /** The client went, or answered the close frame: the socket is over. */
    public void end() {
        ended.countDown();
    }

    @Override
    public boolean isOpen() {
        return ended.getCount() > 0;
    }

    @Override
    public boolean awaitEnd(long deadlineNanos) {
        try {
            return ended.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String peer() {
        return "a test";
    }
}
