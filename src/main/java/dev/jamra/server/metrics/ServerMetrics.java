package dev.jamra.server.metrics;

import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.websocket.EventChannel;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * The server's Prometheus metrics, served at {@code /metrics}: the event channel's (see {@code ChannelMetrics})
 * and the broadcasts and downloads counted as their events are published. Helidon keeps one Micrometer registry
 * per process (registries created apart still share their meters), so the meters live in the global registry:
 * a new server takes them over, and a stopped one removes them, so that a gauge never reads a stopped server.
 */
public final class ServerMetrics implements AutoCloseable {
    /** Prefix of every meter of ours; Helidon's own (e.g. {@code requests_count}) stay. */
    static final String PREFIX = "jamra_";

    /** Where Prometheus scrapes; beside the API, under the same Host and Origin filters. */
    public static final String ENDPOINT = "/metrics";

    private final MeterRegistry registry;

    private ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static ServerMetrics create() {
        MeterRegistry registry = Metrics.globalRegistry();
        removeOurs(registry);
        return new ServerMetrics(registry);
    }

    /** Removes the meters, so the next server starts from zero with gauges of its own. */
    @Override
    public void close() {
        removeOurs(registry);
    }

    private static void removeOurs(MeterRegistry registry) {
        registry.meters(meter -> meter.id().name().startsWith(PREFIX)).forEach(registry::remove);
    }

    /** Meters {@code channel}: connections, queues, deliveries, slow consumers, latency. */
    public void meter(EventChannel channel) {
        channel.meter(ChannelMetrics.register(registry, channel, ChannelMetrics.SAMPLE_EVERY));
    }

    /** {@code events}, counting each broadcast by name and each download's milestones on the way. */
    public EventPublisher counting(EventPublisher events) {
        return new CountingPublisher(registry, events);
    }

    /**
     * The feature that serves {@link #ENDPOINT}: only the metrics observer (no other observer is discovered),
     * without Helidon's own CORS handling, so our filters alone decide who may read it.
     */
    public ObserveFeature feature() {
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .cors(cors -> cors.enabled(false))
                .addObserver(MetricsObserver.builder()
                        .endpoint(ENDPOINT)
                        .meterRegistry(registry)
                        .build())
                .build();
    }
}
