package dev.jamra.server.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends chunks a producer fills to an output stream, in order, from a thread of its own, started with the first
 * chunk: the producer goes on while the writer is less than {@code ahead} bytes behind, waits while it is more, and
 * once it has waited {@code patience} in all, stops waiting and leaves the rest queued in memory. A producer that
 * holds something others need (a database read) thus holds it for its own work plus {@code patience} at most,
 * whatever the client's pace, and the memory an answer takes stays at {@code ahead} bytes for a client that keeps
 * up. Used by one producer thread; the writer is the only other.
 */
final class ChunkWriter {
    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final Supplier<OutputStream> open;
    private final int chunkSize;
    private final int ahead;
    private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    /**
     * Bytes the writer may still fall behind by: the producer takes each chunk's while it waits at all, the writer
     * gives every chunk's back.
     */
    private final Semaphore room;
    /** Chunks written, to be filled again. */
    private final ArrayBlockingQueue<byte[]> spare;
    private long patienceLeft;
    private Thread writer;
    private volatile RuntimeException writeFailure;

    /**
     * @param open      the stream, opened on the producer's thread when the first chunk is handed over
     * @param chunkSize the size of the chunks the producer fills (others are not used again)
     */
    ChunkWriter(Supplier<OutputStream> open, int chunkSize, int ahead, Duration patience) {
        if (ahead < chunkSize) {
            throw new IllegalArgumentException("the writer must be allowed a chunk behind at least");
        }
        this.open = open;
        this.chunkSize = chunkSize;
        this.ahead = ahead;
        this.room = new Semaphore(ahead);
        this.spare = new ArrayBlockingQueue<>(ahead / chunkSize + 1);
        this.patienceLeft = patience.toNanos();
    }

    /** Whether a chunk was handed over, so that the writer is sending. */
    boolean started() {
        return writer != null;
    }

    /**
     * Queues a full chunk ({@code length} bytes of it, at most the chunk size) and gives the chunk to fill next.
     *
     * @throws UncheckedIOException the writer failed (the client went away): the producer should stop
     */
    byte[] handOver(byte[] chunk, int length) {
        if (writer == null) {
            OutputStream out = open.get();
            writer = Thread.ofVirtual().name("chunk-writer").start(() -> write(out));
        }
        failIfWriteFailed();
        awaitRoom(length);
        queue.add(new Chunk(chunk, length));
        byte[] next = spare.poll();
        return next != null ? next : new byte[chunkSize];
    }

    /** Queues the last chunk, waits until everything is written and the stream closed; see {@link #handOver}. */
    void finish(byte[] chunk, int length) {
        queue.add(new Chunk(chunk, length));
        queue.add(END);
        awaitWriter();
        failIfWriteFailed();
    }

    /** Stops the writer mid-answer and waits for it: interrupting it closes the socket it may be blocked on. */
    void abort() {
        if (writer != null) {
            writer.interrupt();
            awaitWriter();
        }
    }

    /**
     * Waits while the writer is too far behind, within the patience left. Once that is spent the producer waits no
     * more, so the room the writer gives back for chunks taken without waiting is never asked for again.
     */
    private void awaitRoom(int length) {
        if (patienceLeft <= 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            if (room.tryAcquire(length, patienceLeft, TimeUnit.NANOSECONDS)) {
                patienceLeft -= System.nanoTime() - start;
            } else {
                patienceLeft = 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while the answer was sent", e));
        }
    }

    /** The writer thread: sends the chunks in order and closes the stream after the last. */
    private void write(OutputStream out) {
        try {
            for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                out.write(chunk.bytes(), 0, chunk.length());
                // spare before the room is given back, so that a producer that waited for room finds the chunk
                if (chunk.bytes().length == chunkSize) {
                    spare.offer(chunk.bytes());
                }
                room.release(chunk.length());
            }
            out.close();
        } catch (IOException e) {
            failWrites(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            failWrites(new UncheckedIOException(new IOException("The answer was abandoned", e)));
        } catch (RuntimeException e) {
            failWrites(e);
        }
    }

    private void failWrites(RuntimeException e) {
        writeFailure = e;
        room.release(ahead);  // a producer waiting for room sees the failure at once
    }

    private void failIfWriteFailed() {
        RuntimeException failure = writeFailure;
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitWriter() {
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                writer.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
