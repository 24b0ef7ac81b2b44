package dev.jamra.server.websocket;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.metrics.ServerMetrics;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import io.helidon.websocket.WsSession;
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
    private final EventChannel channel = new EventChannel(
            WebSocketSettings.from(TestConfig.builtIn(Map.of()).get("websocket")), Clock.systemUTC());

    /** Blocks every write until released, counting those done. */
    private static final class BlockedSession extends DiscardingSession {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger entered = new AtomicInteger();

        @Override
        public WsSession send(String text, boolean last) {
            entered.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.incrementAndGet();
            return this;
        }
    }

    @AfterEach
    void stop() {
        channel.shutdown();
        owner.close();
    }

    @Test
    void depthLatencyAndDeliveriesFollowAStalledThenReleasedConnection() {
        ChannelMetrics metrics = ChannelMetrics.register(registry, channel, 1);
        BlockedSession session = new BlockedSession();
        ClientConnection connection = new ClientConnection("m1", session, 16, Long.MAX_VALUE,
                Thread.currentThread(), c -> { }, metrics);
        channel.subscriptions().add(connection);
        assertEquals(1.0, gauge("jamra_websocket_connections"));

        long start = System.nanoTime();
        connection.writer().send(OutgoingFrame.Text.of("{\"n\":0}", null));
        Await.until(() -> session.entered.get() == 1, "the writer took the first and blocks in its write");
        for (int i = 1; i < 5; i++) {
            connection.writer().send(OutgoingFrame.Text.of("{\"n\":" + i + "}", null));
        }
        long allQueued = System.nanoTime();
        // the other four wait
        Await.until(() -> connection.writer().queueDepth() == 4, "four messages wait behind the blocked write");
        assertEquals(4.0, gauge("jamra_websocket_queue_depth_max_now"));
        DistributionSummary depth = registry.summary("jamra_websocket_queue_depth", List.of()).orElseThrow();
        assertEquals(5, depth.count(), "one depth per queued message");
        assertThat(depth.max(), greaterThanOrEqualTo(4.0));
        assertEquals(0, deliveries(), "nothing written yet");

        long blockedNanos = System.nanoTime() - allQueued;
        session.release.countDown();
        Await.until(() -> session.written.get() == 5, "all five are written once released");
        Await.until(() -> deliveries() == 5, "each write is counted");
        Timer latency = registry.timer("jamra_websocket_publish_to_write", List.of()).orElseThrow();
        assertEquals(5, latency.count());
        assertThat("a message waited at least as long as the block", latency.max(TimeUnit.NANOSECONDS),
                greaterThanOrEqualTo((double) blockedNanos));
        assertThat("and no longer than the whole test", latency.max(TimeUnit.NANOSECONDS),
                lessThanOrEqualTo((double) (System.nanoTime() - start)));
        assertEquals(0.0, gauge("jamra_websocket_queue_depth_max_now"));
        channel.ended(connection);
        assertEquals(0.0, gauge("jamra_websocket_connections"));
    }

    @Test
    void slowConsumerClosesAreReadFromTheChannel() {
        ChannelMetrics metrics = ChannelMetrics.register(registry, channel, 1);
        BlockedSession session = new BlockedSession();
        ClientConnection connection = new ClientConnection("m2", session, 1, Long.MAX_VALUE,
                Thread.currentThread(), c -> { }, metrics);
        channel.subscriptions().add(connection);
        // capacity 1: the writer takes the first, the second fills the queue, the third finds it full
        channel.publish(new dev.jamra.server.events.LibraryItemRemoved("l", "m", "local", "t", 1));
        Await.until(() -> connection.writer().queueDepth() == 0, "the writer holds the first");
        channel.publish(new dev.jamra.server.events.LibraryItemRemoved("l", "m", "local", "t", 2));
        channel.publish(new dev.jamra.server.events.LibraryItemRemoved("l", "m", "local", "t", 3));
        FunctionalCounter closes = registry.meter(FunctionalCounter.class, "jamra_websocket_slow_consumer_closes",
                List.of()).orElseThrow();
        assertEquals(1, closes.count());
        session.release.countDown();
        channel.ended(connection);
    }

    @Test
    void histogramsSampleOneDeliveryInSixteenWhileEveryDeliveryIsCounted() {
        ChannelMetrics metrics = ChannelMetrics.register(registry, channel);
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
