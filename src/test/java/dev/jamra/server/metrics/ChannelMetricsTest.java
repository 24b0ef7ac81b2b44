package dev.jamra.server.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.websocket.EventChannel;
import dev.jamra.server.websocket.WebSocketSettings;
import dev.jamra.server.websocket.delivery.RecordingSocket;
import dev.jamra.server.websocket.history.RetentionSettings;
import dev.jamra.server.websocket.time.ManualTime;

import io.helidon.config.Config;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The channel's meters against a connection whose socket blocks until the test lets it write. */
class ChannelMetricsTest {
    private final ServerMetrics owner = ServerMetrics.create();  // clears meters other tests left
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final ManualTime time = new ManualTime();
    private EventChannel channel;

    private EventChannel channel(int queueCapacity) {
        Config websocket = TestConfig.builtIn(Map.of("websocket.queue-capacity", String.valueOf(queueCapacity),
                "websocket.close-timeout", "PT0.2S")).get("websocket");
        channel = new EventChannel(WebSocketSettings.from(websocket), RetentionSettings.from(websocket.get("retention")),
                time.clock(), time, time);
        return channel;
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdown();
        }
        owner.close();
    }

    private static LibraryItemRemoved removed(int n) {
        return new LibraryItemRemoved("l-" + n, "m", "local", "t", n);
    }

    @Test
    void depthLatencyAndDeliveriesFollowAStalledThenReleasedConnection() {
        EventChannel channel = channel(16);
        channel.meter(ChannelMetrics.register(registry, channel, 1));
        RecordingSocket socket = new RecordingSocket(true);
        long start = System.nanoTime();
        channel.open(socket, Optional.empty());
        assertEquals(1.0, gauge("jamra_websocket_connections"));
        Await.until(() -> socket.writing.get() == 1, "the writer took connect and blocks in its write");
        for (int i = 1; i < 5; i++) {
            channel.publish(removed(i));
        }
        long allQueued = System.nanoTime();
        assertEquals(4.0, gauge("jamra_websocket_queue_depth_max_now"), "four messages wait behind the blocked write");
        DistributionSummary depth = registry.summary("jamra_websocket_queue_depth", List.of()).orElseThrow();
        assertEquals(5, depth.count(), "one depth per queued message");
        assertThat(depth.max(), greaterThanOrEqualTo(4.0));
        assertEquals(0, deliveries(), "nothing written yet");

        long blockedNanos = System.nanoTime() - allQueued;
        socket.release.countDown();
        Await.until(() -> socket.texts.size() == 5, "all five are written once released");
        Await.until(() -> deliveries() == 5, "each write is counted");
        Timer latency = registry.timer("jamra_websocket_publish_to_write", List.of()).orElseThrow();
        assertEquals(5, latency.count());
        assertThat("a message waited at least as long as the block", latency.max(TimeUnit.NANOSECONDS),
                greaterThanOrEqualTo((double) blockedNanos));
        assertThat("and no longer than the whole test", latency.max(TimeUnit.NANOSECONDS),
                lessThanOrEqualTo((double) (System.nanoTime() - start)));
        assertEquals(0.0, gauge("jamra_websocket_queue_depth_max_now"));
        socket.end();
        time.advance(Duration.ofSeconds(1));
        assertEquals(0.0, gauge("jamra_websocket_connections"), "the reaper found its socket gone");
    }

    @Test
    void slowConsumerClosesAreReadFromTheChannel() {
        EventChannel channel = channel(1);
        channel.meter(ChannelMetrics.register(registry, channel, 1));
        RecordingSocket socket = new RecordingSocket(true);
        channel.open(socket, Optional.empty());
        Await.until(() -> socket.writing.get() == 1, "the writer holds connect");
        // capacity 1: the first waits, the second finds the queue full
        channel.publish(removed(1));
        channel.publish(removed(2));
        channel.publish(removed(3));
        FunctionalCounter closes = registry.meter(FunctionalCounter.class, "jamra_websocket_slow_consumer_closes",
                List.of()).orElseThrow();
        assertEquals(1, closes.count());
        socket.release.countDown();
    }

    @Test
    void histogramsSampleOneDeliveryInSixteenWhileEveryDeliveryIsCounted() {
        ChannelMetrics metrics = ChannelMetrics.register(registry, channel(16), ChannelMetrics.SAMPLE_EVERY);
        int messages = 1_600;
        for (int i = 0; i < messages; i++) {
            metrics.queued(1);
            metrics.written(System.nanoTime());
        }
        assertEquals(messages, deliveries());
        // 100 expected of each; outside 40..300 is more than six standard deviations away
        Timer latency = registry.timer("jamra_websocket_publish_to_write", List.of()).orElseThrow();
        assertThat(latency.count(), allOf(greaterThanOrEqualTo(40L), lessThanOrEqualTo(300L)));
        DistributionSummary depth = registry.summary("jamra_websocket_queue_depth", List.of()).orElseThrow();
        assertThat(depth.count(), allOf(greaterThanOrEqualTo(40L), lessThanOrEqualTo(300L)));
    }

    private long deliveries() {
        return registry.meter(FunctionalCounter.class, "jamra_websocket_deliveries", List.of()).orElseThrow().count();
    }

    private double gauge(String name) {
        return registry.gauge(name, List.of()).map(Gauge::value).map(Number::doubleValue).orElseThrow();
    }
}
