package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.websocket.WsSession;

/**
 * A socket that records each write (the texts of a raw write, one entry per socket write) and each control
 * frame, can hold writes until released, and notes how many threads were ever writing at once.
 */
class RecordingSocket extends DiscardingSession implements DataWriter {
    final List<String> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch release;
    final AtomicInteger writing = new AtomicInteger();
    final AtomicInteger mostWritingAtOnce = new AtomicInteger();
    final Set<String> writingThreads = ConcurrentHashMap.newKeySet();
    volatile boolean fail;

    RecordingSocket(boolean blocked) {
        release = new CountDownLatch(blocked ? 1 : 0);
    }

    @Override
    public void writeNow(BufferData buffer) {
        mostWritingAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
        writingThreads.add(Thread.currentThread().getName());
        try {
            release.await(10, TimeUnit.SECONDS);
            if (fail) {
                throw new IllegalStateException("socket closed");
            }
            byte[] bytes = new byte[buffer.available()];
            buffer.read(bytes);
            writes.add(texts(bytes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            writing.decrementAndGet();
        }
    }

    /** The payloads of the short unmasked text frames in {@code bytes}, joined by "+". */
    private static String texts(byte[] bytes) {
        List<String> texts = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 2 + bytes[at + 1]) {
            texts.add(new String(bytes, at + 2, bytes[at + 1]));
        }
        return String.join("+", texts);
    }

    @Override
    public WsSession ping(BufferData data) {
        writes.add("PING");
        return this;
    }

    @Override
    public WsSession pong(BufferData data) {
        writes.add("PONG");
        return this;
    }

    @Override
    public WsSession close(int code, String reason) {
        writes.add("CLOSE " + code);
        return this;
    }

    @Override
    public void write(BufferData... buffers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void write(BufferData buffer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void writeNow(BufferData... buffers) {
        throw new UnsupportedOperationException();
    }
}
