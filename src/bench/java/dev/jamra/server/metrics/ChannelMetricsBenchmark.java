package dev.jamra.server.metrics;

import java.util.concurrent.TimeUnit;

import dev.jamra.server.websocket.delivery.DeliveryMeter;

import io.helidon.metrics.api.Metrics;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add to one delivery: the two hooks a message passes, recording its queue's depth when it
 * joins and its publish-to-write latency when written, as the server does it ({@code sampled}: deliveries
 * counted, histograms fed one delivery in 16), feeding the histograms on every delivery ({@code every}), and
 * with metrics off ({@code off}, the hooks of {@link DeliveryMeter#NONE}). Two threads, as publishers and writers
 * record at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class ChannelMetricsBenchmark {
    @Param({"off", "sampled", "every"})
    String metrics;

    private DeliveryMeter hooks;

    @Setup
    public void register() {
        hooks = switch (metrics) {
            case "sampled" -> new ChannelMetrics(Metrics.globalRegistry(), ChannelMetrics.SAMPLE_EVERY);
            case "every" -> new ChannelMetrics(Metrics.globalRegistry(), 1);
            default -> DeliveryMeter.NONE;
        };
    }

    @Benchmark
    @Threads(1)
    public void queuedOnly() {
        hooks.queued(3);
    }

    @Benchmark
    @Threads(1)
    public void writtenOnly() {
        hooks.written(System.nanoTime() - 1_500_000);
    }

    @Benchmark
    public void delivery() {
        hooks.queued(3);
        hooks.written(System.nanoTime() - 1_500_000);
    }
}
