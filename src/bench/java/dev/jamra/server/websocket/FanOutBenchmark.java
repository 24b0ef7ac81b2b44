package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.LibraryItemRemoved;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Choosing the recipients of one event among N connections (a tenth of them following one download each),
 * and queueing the already-encoded message to each of them. No socket is involved: this is the part of a
 * publish that runs on the publisher's thread (the writers run beside it, as in the server).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {
    @Param({"1000", "10000"})
    int connections;

    private SubscriptionManager manager;
    private List<ClientConnection> all;
    private final OutgoingFrame.Text message = OutgoingFrame.Text.of("{\"event\":\"library:item:removed\"}", null);
    private final LibraryItemRemoved libraryEvent = new LibraryItemRemoved("lib", "manga", "local", "Title", 1L);
    private final DownloadProgress followedDownload = DownloadProgress.of("dl-7", "ch", 1, 10, 1L);
    private final FanOutWriters fanOut = new FanOutWriters(Runtime.getRuntime().availableProcessors());

    @Setup(Level.Iteration)
    public void connect() {
        manager = new SubscriptionManager(1_000);
        all = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            ClientConnection connection = new ClientConnection("c" + i, new DiscardingSession(), 1_024,
                    Thread.currentThread(), c -> { });
            manager.add(connection);
            if (i % 10 == 0) {
                manager.subscribe(connection, "dl-" + (i / 10 % 100));
            }
            all.add(connection);
        }
    }

    /** A library event: every connection is a recipient. */
    @Benchmark
    public void recipientsOfALibraryEvent(Blackhole sink) {
        manager.forEachRecipient(libraryEvent, sink::consume);
    }

    /** A download event: the nine tenths without subscriptions plus the few following it. */
    @Benchmark
    public void recipientsOfADownloadEvent(Blackhole sink) {
        manager.forEachRecipient(followedDownload, sink::consume);
    }

    /**
     * Queueing one shared message to every connection and starting the fan-out pass that writes it, as a
     * publish does; the pass hands it to sessions that discard it, beside the benchmark thread.
     */
    @Benchmark
    public void enqueueToEveryConnection() {
        List<ConnectionWriter> recipients = new ArrayList<>(connections);
        manager.forEachRecipient(libraryEvent, connection -> {
            connection.writer().queueBroadcast(message);
            recipients.add(connection.writer());
        });
        fanOut.write(recipients);
    }
}
