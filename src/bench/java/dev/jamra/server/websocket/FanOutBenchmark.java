package dev.jamra.server.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.websocket.delivery.ClientSocket;
import dev.jamra.server.websocket.delivery.DeliveryMeter;
import dev.jamra.server.websocket.delivery.QueueLimits;
import dev.jamra.server.websocket.history.RetentionSettings;
import dev.jamra.server.websocket.history.SessionHistory;
import dev.jamra.server.websocket.time.ManualTime;
import dev.jamra.server.websocket.time.Ticker;

import io.helidon.config.Config;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Choosing the recipients of one event among N connections (a tenth of them following one download each), and a
 * whole publish to all of them: numbered, encoded, retained and queued to every connection, with the fan-out
 * pass that writes it started. The sockets discard what they are given, beside the benchmark thread, as a
 * client that reads at once would.
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

    private final Optional<String> everyone = Optional.empty();
    private final Optional<String> followedDownload = Optional.of("dl-7");
    private final LibraryItemRemoved libraryEvent = new LibraryItemRemoved("lib", "manga", "local", "Title", 1L);
    private SubscriptionManager manager;
    private EventChannel channel;

    /** A client that reads at once: every frame is taken and dropped. */
    private static final class DiscardingSocket implements ClientSocket {
        @Override
        public void write(byte[] frames) {
        }

        @Override
        public void ping() {
        }

        @Override
        public void pong(byte[] payload) {
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public void cut() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean awaitEnd(long deadlineNanos) {
            return true;
        }

        @Override
        public String peer() {
            return "a benchmark";
        }
    }

    @Setup(Level.Iteration)
    public void connect() {
        manager = new SubscriptionManager(1_000, new MemoryBudget(Long.MAX_VALUE));
        for (int i = 0; i < connections; i++) {
            ClientConnection connection = new ClientConnection("c" + i, new DiscardingSocket(),
                    new QueueLimits(1_024, Long.MAX_VALUE), DeliveryMeter.NONE, new SessionHistory.Changes(), 0,
                    c -> { });
            manager.add(connection);
            if (i % 10 == 0) {
                manager.subscribe(connection, "dl-" + (i / 10 % 100));
            }
        }
        Config websocket = TestConfig.builtIn(Map.of("websocket.max-connections", String.valueOf(connections)))
                .get("websocket");
        // the heartbeat and the reaper wait for a clock that never moves: only publishing is measured
        ManualTime timers = new ManualTime();
        channel = new EventChannel(WebSocketSettings.from(websocket),
                RetentionSettings.from(websocket.get("retention")), Clock.systemUTC(), Ticker.SYSTEM, timers);
        for (int i = 0; i < connections; i++) {
            Inbound inbound = channel.open(new DiscardingSocket(), Optional.empty());
            if (i % 10 == 0) {
                inbound.text(TestChannel.command("subscribe:download", "dl-" + (i / 10 % 100))
                        .getBytes(StandardCharsets.UTF_8), true);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void shutdown() {
        channel.shutdown();
    }

    /** A library event: every connection is a recipient. */
    @Benchmark
    public void recipientsOfALibraryEvent(Blackhole sink) {
        manager.forEachRecipient(everyone, sink::consume);
    }

    /** A download event: the nine tenths without subscriptions plus the few following it. */
    @Benchmark
    public void recipientsOfADownloadEvent(Blackhole sink) {
        manager.forEachRecipient(followedDownload, sink::consume);
    }

    /** A library event published to every connection, as a service publishes it. */
    @Benchmark
    public void publishToEveryConnection() {
        channel.publish(libraryEvent);
    }
}
