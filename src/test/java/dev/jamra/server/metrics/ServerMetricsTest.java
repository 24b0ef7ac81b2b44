package dev.jamra.server.metrics;

import java.util.List;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new server takes the process's meters over and a stopped one removes its own, leaving Helidon's alone. */
class ServerMetricsTest {
    private final MeterRegistry registry = Metrics.globalRegistry();

    @Test
    void aNewServerStartsFromZeroAndAStoppedOneLeavesNoMetersOfOurs() {
        Counter stale = registry.getOrCreate(Counter.builder("jamra_test_stale"));
        stale.increment(5);
        Counter foreign = registry.getOrCreate(Counter.builder("other_test_meter"));

        ServerMetrics metrics = ServerMetrics.create();
        assertFalse(registry.counter("jamra_test_stale", List.of()).isPresent(), "a stopped server's meter is gone");
        assertTrue(registry.counter("other_test_meter", List.of()).isPresent(), "meters not ours stay");
        assertEquals(0, registry.getOrCreate(Counter.builder("jamra_test_stale")).count(), "counting restarts");

        metrics.close();
        assertFalse(registry.counter("jamra_test_stale", List.of()).isPresent());
        assertTrue(registry.counter("other_test_meter", List.of()).isPresent());
        registry.remove(foreign);
    }
}
