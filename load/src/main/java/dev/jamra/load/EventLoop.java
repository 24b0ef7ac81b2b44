package dev.jamra.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A selector thread that runs many {@link Peer}s. Other threads reach its state only through {@link #call},
 * which runs on the loop, so peers and latencies need no locks.
 */
final class EventLoop implements AutoCloseable {
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Peer> peers = new ArrayList<>();
    private final MessageScan scan = new MessageScan();
    private final Thread thread;
    private final long clockBaseMicros;
    private final long nanoBase;
    private Latencies latencies = new Latencies();
    private boolean recording;
    private volatile boolean running = true;

    EventLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.time.Instant now = java.time.Instant.now();
        clockBaseMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        nanoBase = System.nanoTime();
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    void add(Peer peer) {
        execute(() -> {
            peers.add(peer);
            peer.start(selector);
        });
    }

    /** Runs {@code work} on the loop thread with its peers, and hands back the result. */
    <T> CompletableFuture<T> call(Function<List<Peer>, T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(work.apply(peers));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Starts a measured step of {@code updates} updates: counters and latencies from zero. */
    CompletableFuture<Void> startRecording(int updates) {
        return call(all -> {
            all.forEach(Peer::resetCounts);
            // at most one message per update per client, with a little room for heartbeats and the like
            long expected = (long) all.size() * updates + 1024;
            latencies = new Latencies((int) Math.min(expected, Integer.MAX_VALUE - 16));
            recording = true;
            return null;
        });
    }

    /** Ends the step and hands over its latencies. */
    CompletableFuture<Latencies> stopRecording() {
        return call(all -> {
            recording = false;
            Latencies taken = latencies;
            latencies = new Latencies();
            return taken;
        });
    }

    MessageScan scan() {
        return scan;
    }

    void recordLatency(long payloadMillis) {
        if (recording && payloadMillis > 0) {
            long nowMicros = clockBaseMicros + (System.nanoTime() - nanoBase) / 1000;
            latencies.add(nowMicros - payloadMillis * 1000);
        }
    }

    private void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        while (running) {
            try {
                // handing each ready key over as it is found keeps it out of the selected-key set, whose
                // entries were about half of what this loop allocated (a collection in the tool delays every message)
                selector.select(key -> ((Peer) key.attachment()).handle(key), 100);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
            } catch (IOException | RuntimeException e) {
                System.err.println(thread.getName() + ": " + e);
            }
        }
        peers.forEach(Peer::close);
        try {
            selector.close();
        } catch (IOException ignored) {
            // the loop is over
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
