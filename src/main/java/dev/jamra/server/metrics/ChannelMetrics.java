package dev.jamra.server.metrics;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.jamra.server.websocket.EventChannel;
import dev.jamra.server.websocket.delivery.DeliveryMeter;

import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;

/**
 * The event channel's meters, for Prometheus at {@code /metrics}. The channel calls two one-line hooks per
 * delivery ({@link #queued}, {@link #written}); every other figure is read from the channel when scraped, so it
 * costs nothing between scrapes.
 *
 * <p>Deliveries are counted exactly, in a {@link LongAdder} read at scrape time. The two histograms (queue
 * depth, publish-to-write latency) record one delivery in {@link #SAMPLE_EVERY}: a Micrometer histogram record
 * costs about a microsecond here, a tenth of a whole delivery's CPU, and at thousands of deliveries a second a
 * sample gives the same distribution (docs/PERFORMANCE.md has the measurements).
 */
final class ChannelMetrics implements DeliveryMeter {

    /** One delivery in this many feeds the histograms. */
    static final int SAMPLE_EVERY = 16;

    /** Bucket bounds of the publish-to-write latency, from well under a millisecond to the close timeout. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
            Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5)};

    /** Bucket bounds of a queue's depth when a message joins it, up to the default capacity. */
    private static final double[] DEPTH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final LongAdder deliveries;
    private final Timer publishToWrite;
    private final DistributionSummary queueDepth;
    private final int sampleEvery;

    /** @param sampleEvery one delivery in this many feeds the histograms (1: every one) */
    ChannelMetrics(MeterRegistry registry, int sampleEvery) {
        this.sampleEvery = sampleEvery;
        this.deliveries = new LongAdder();
        registry.getOrCreate(FunctionalCounter.builder("jamra_websocket_deliveries", deliveries, LongAdder::sum)
                .description("Event messages written to a client's socket"));
        this.publishToWrite = registry.getOrCreate(Timer.builder("jamra_websocket_publish_to_write")
                .description("From an event's publication to the end of its write to one client's socket")
                .buckets(LATENCY_BUCKETS)
                .percentiles(new double[0])  // buckets only: client-side percentiles cost a microsecond per record
                .publishPercentileHistogram(false));
        this.queueDepth = registry.getOrCreate(DistributionSummary.builder("jamra_websocket_queue_depth",
                        DistributionStatisticsConfig.builder().buckets(DEPTH_BUCKETS).percentiles(new double[0]))
                .publishPercentileHistogram(false)
                .description("Messages waiting in a connection's queue, counted as each message joins it"));
    }

    /**
     * Meters {@code channel} in {@code registry}: the two hooks' meters, fed one delivery in {@code sampleEvery},
     * and what is read from the channel when scraped (open connections, the deepest queue now, slow-consumer
     * closes).
     */
    static ChannelMetrics register(MeterRegistry registry, EventChannel channel, int sampleEvery) {
        ChannelMetrics metrics = new ChannelMetrics(registry, sampleEvery);
        registry.getOrCreate(Gauge.builder("jamra_websocket_connections", channel, EventChannel::connectionCount)
                .description("Open WebSocket connections"));
        registry.getOrCreate(Gauge.builder("jamra_websocket_queue_depth_max_now", channel,
                        EventChannel::deepestQueue)
                .description("Messages waiting in the fullest connection queue now"));
        registry.getOrCreate(FunctionalCounter.builder("jamra_websocket_slow_consumer_closes", channel,
                        c -> c.stats().slowConsumerCloses())
                .description("Connections closed with 1008 because their queue was full"));
        return metrics;
    }

    @Override
    public void queued(int depth) {
        if (sampled()) {
            queueDepth.record(depth);
        }
    }

    @Override
    public void written(long publishedNanos) {
        deliveries.increment();
        if (sampled()) {
            publishToWrite.record(System.nanoTime() - publishedNanos, TimeUnit.NANOSECONDS);
        }
    }

    private boolean sampled() {
        return sampleEvery == 1 || ThreadLocalRandom.current().nextInt(sampleEvery) == 0;
    }
}
