package dev.jamra.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChunkWriter} sends the chunks in order from its own thread, lets the producer run ahead by a bounded
 * amount, stops waiting for a slow client once its patience is spent, and passes the client's failure back.
 */
class ChunkWriterTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    /** A stream that records what it was sent and whether it was closed. */
    private static final class Recording extends ByteArrayOutputStream {
        final AtomicInteger opened = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A stream whose writes block until released: a client that stops reading. */
    private static class Stalled extends OutputStream {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstWrite = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile Thread writer;

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] bytes, int from, int length) throws IOException {
            writer = Thread.currentThread();
            firstWrite.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            written.write(bytes, from, length);
        }
    }

    private static byte[] filled(int size, char with) {
        byte[] chunk = new byte[size];
        Arrays.fill(chunk, (byte) with);
        return chunk;
    }

    @Test
    void chunksGoOutInOrderAndTheStreamIsClosedAfterTheLast() throws InterruptedException {
        Recording out = new Recording();
        ChunkWriter writer = new ChunkWriter(() -> {
            out.opened.incrementAndGet();
            return out;
        }, 4, 8, LONG);
        assertFalse(writer.started());
        assertEquals(0, out.opened.get(), "the stream is opened with the first chunk only");
        StringBuilder expected = new StringBuilder();
        byte[] chunk = filled(4, 'a');
        for (char c = 'a'; c < 'k'; c++) {
            Arrays.fill(chunk, (byte) c);
            expected.append(String.valueOf(c).repeat(4));
            byte[] next = writer.handOver(chunk, 4);
            assertTrue(writer.started());
            assertEquals(4, next.length);
            chunk = next;
        }
        writer.finish("end".getBytes(StandardCharsets.US_ASCII), 2);
        expected.append("en");
        assertTrue(out.closed.await(0, TimeUnit.SECONDS), "finish returns once the stream is closed");
        assertEquals(expected.toString(), out.toString(StandardCharsets.US_ASCII));
        assertEquals(1, out.opened.get());
    }

    @Test
    void writtenChunksAreFilledAgain() {
        Stalled out = new Stalled();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 4, LONG);
        byte[] first = filled(4, 'x');
        byte[] second = writer.handOver(first, 4);
        assertNotSame(first, second, "the first is not written yet");
        out.release.countDown();
        // no room until the first is written, and a written chunk is spare before its room is given back
        byte[] third = writer.handOver(filled(4, 'y'), 4);
        assertSame(first, third, "a written chunk of the chunk size is used again");
        writer.finish(new byte[4], 0);
        assertEquals("xxxxyyyy", out.written.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void theProducerWaitsWhileTheClientIsTooFarBehind() throws InterruptedException {
        Stalled out = new Stalled();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 8, LONG);
        AtomicInteger handedOver = new AtomicInteger();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 4; i++) {
                writer.handOver(filled(4, (char) ('a' + i)), 4);
                handedOver.incrementAndGet();
            }
            writer.finish(new byte[0], 0);
        });
        Await.until(() -> producer.getState() == Thread.State.TIMED_WAITING && out.firstWrite.getCount() == 0,
                "the producer waits for room");
        assertEquals(2, handedOver.get(), "8 bytes ahead: two chunks of 4, the first of them being written");
        out.release.countDown();
        producer.join(Await.TIMEOUT.toMillis());
        assertFalse(producer.isAlive());
        assertEquals("aaaabbbbccccdddd", out.written.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void onceItsPatienceIsSpentTheProducerQueuesTheRest() {
        Stalled out = new Stalled();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 8, Duration.ofMillis(1));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            writer.handOver(filled(4, (char) ('a' + i)), 4);
            expected.append(String.valueOf((char) ('a' + i)).repeat(4));
        }
        assertEquals(0, out.written.size(), "all handed over while the client took nothing");
        out.release.countDown();
        writer.finish(new byte[0], 0);
        assertEquals(expected.toString(), out.written.toString(StandardCharsets.US_ASCII), "nothing lost");
    }

    @Test
    void aClientThatFailsStopsTheProducer() {
        ChunkWriter writer = new ChunkWriter(() -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] bytes, int from, int length) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, 4, 4, LONG);
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                writer.handOver(new byte[4], 4);
            }
        });
        assertEquals("Broken pipe", failed.getCause().getMessage());
        assertThrows(UncheckedIOException.class, () -> writer.finish(new byte[4], 4));
    }

    @Test
    void aFailureOfTheStreamItselfReachesTheProducer() {
        ChunkWriter writer = new ChunkWriter(() -> new OutputStream() {
            @Override
            public void write(int b) {
                throw new IllegalStateException("response already sent");
            }

            @Override
            public void write(byte[] bytes, int from, int length) {
                throw new IllegalStateException("response already sent");
            }
        }, 4, 4, LONG);
        writer.handOver(new byte[4], 4);
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> writer.finish(new byte[4], 4));
        assertEquals("response already sent", failed.getMessage());
    }

    @Test
    void abortStopsAWriterBlockedOnTheClient() throws InterruptedException {
        Stalled out = new Stalled();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 4, LONG);
        writer.handOver(new byte[4], 4);
        assertTrue(out.firstWrite.await(30, TimeUnit.SECONDS));
        writer.abort();
        assertFalse(out.writer.isAlive(), "abort returns once the writer has stopped");
        assertThrows(UncheckedIOException.class, () -> writer.handOver(new byte[4], 4), "the writer failed");
        assertEquals(0, out.written.size());
    }

    @Test
    void abortStopsAWriterWaitingForTheNextChunk() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 4, LONG);
        writer.handOver(filled(4, 'a'), 4);
        Await.until(() -> out.size() == 4, "the first chunk is written");
        writer.abort();
        UncheckedIOException failed = assertThrows(UncheckedIOException.class,
                () -> writer.handOver(new byte[4], 4));
        assertEquals("The answer was abandoned", failed.getCause().getMessage());
    }

    @Test
    void aProducerWaitingForRoomSeesTheClientFailAtOnce() {
        Stalled out = new Stalled() {
            @Override
            public void write(byte[] bytes, int from, int length) throws IOException {
                super.write(bytes, from, length);
                throw new IOException("Connection reset");
            }
        };
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 8, LONG);
        AtomicReference<RuntimeException> stopped = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    writer.handOver(new byte[4], 4);
                }
            } catch (RuntimeException e) {
                stopped.set(e);
            }
        });
        Await.until(() -> producer.getState() == Thread.State.TIMED_WAITING, "the producer waits for room");
        out.release.countDown();
        Await.until(() -> stopped.get() != null, "the producer stops, long before its patience is spent");
        assertEquals("Connection reset", stopped.get().getCause().getMessage());
    }

    @Test
    void aProducerInterruptedWhileTheLastChunksGoOutAbandonsTheAnswer() throws InterruptedException {
        Stalled out = new Stalled();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 8, LONG);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                writer.handOver(new byte[4], 4);
                writer.finish(new byte[4], 4);
            } catch (RuntimeException e) {
                failed.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        Await.until(() -> producer.getState() == Thread.State.WAITING && out.firstWrite.getCount() == 0,
                "the producer waits for the writer");
        producer.interrupt();
        producer.join(Await.TIMEOUT.toMillis());
        assertFalse(producer.isAlive(), "the writer was stopped, not waited for");
        assertTrue(failed.get() instanceof UncheckedIOException, String.valueOf(failed.get()));
        assertTrue(stillInterrupted.get(), "the interrupt is kept for the producer's next step");
        assertEquals(0, out.written.size());
    }

    @Test
    void abortBeforeAnyChunkDoesNothing() {
        AtomicBoolean opened = new AtomicBoolean();
        ChunkWriter writer = new ChunkWriter(() -> {
            opened.set(true);
            return new ByteArrayOutputStream();
        }, 4, 4, LONG);
        writer.abort();
        assertFalse(opened.get());
        assertFalse(writer.started());
    }

    @Test
    void anInterruptedProducerStopsWaiting() {
        Stalled out = new Stalled();
        ChunkWriter writer = new ChunkWriter(() -> out, 4, 4, LONG);
        writer.handOver(new byte[4], 4);
        Thread.currentThread().interrupt();
        try {
            assertThrows(UncheckedIOException.class, () -> writer.handOver(new byte[4], 4));
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        } finally {
            Thread.interrupted();
            out.release.countDown();
            writer.abort();
        }
    }

    @Test
    void theWriterMayFallBehindAChunkAtLeast() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChunkWriter(ByteArrayOutputStream::new, 8, 7, LONG));
    }
}
