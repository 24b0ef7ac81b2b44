package dev.jamra.server.metrics;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code /metrics} as Prometheus scrapes it: every meter is there by name, the values move when clients connect
 * and events flow, and the endpoint sits behind the same Host and Origin guards as the API.
 */
class MetricsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();
    private final RestClient rest = SERVER.http();

    @Test
    void everyMeterIsExposedInPrometheusFormat() {
        RestClient.Response response = rest.get("/metrics");
        assertEquals(200, response.status());
        assertThat(response.contentType(), containsString("text/plain"));
        PrometheusText metrics = new PrometheusText(response.body());
        for (String name : new String[] {
                "jamra_websocket_connections", "jamra_websocket_queue_depth_max_now",
                "jamra_websocket_slow_consumer_closes_total", "jamra_websocket_deliveries_total",
                "jamra_websocket_publish_to_write_seconds_count", "jamra_websocket_queue_depth_count",
                "jamra_downloads_started_total", "jamra_download_pages_completed_total",
                "jamra_downloads_completed_total", "jamra_downloads_failed_total",
                "jamra_downloads_cancelled_total"}) {
            metrics.value(name, "");  // fails when absent
        }
        metrics.value("jamra_broadcasts_published_total", "event=\"library:item:added\"");
        metrics.value("jamra_websocket_publish_to_write_seconds_bucket", "le=\"0.001\"");
        metrics.value("jamra_websocket_queue_depth_bucket", "le=\"1.0\"");
    }

    @Test
    void valuesMoveWhenClientsConnectAndEventsFlow() {
        PrometheusText before = scrape();
        try (ChannelClient first = ChannelClient.connect(uri); ChannelClient second = ChannelClient.connect(uri)) {
            Await.until(() -> SERVER.app().channel().connectionCount() == 2, "both are registered");
            assertEquals(2, scrape().value("jamra_websocket_connections", ""));

            RestClient.Response added = rest.post("/api/library", Json.createObjectBuilder()
                    .add("mangaId", "metrics-manga").add("extensionId", "local").add("title", "Metered")
                    .add("status", "reading").build());
            assertEquals(201, added.status(), added::toString);
            first.expect("library:item:added");
            second.expect("library:item:added");

            // the write hook runs just after the bytes leave, so the client may see them a moment earlier
            Await.until(() -> delta(before, scrape(), "jamra_websocket_deliveries_total", "") >= 4,
                    "two connects and two events are counted as written");
            PrometheusText after = scrape();
            assertEquals(1, delta(before, after, "jamra_broadcasts_published_total", "event=\"library:item:added\""));
            assertEquals(0, delta(before, after, "jamra_broadcasts_published_total", "event=\"library:item:removed\""));
            String id = added.json().getString("id");
            assertEquals(200, rest.put("/api/library/" + id + "/progress", Json.createObjectBuilder()
                    .add("chapterId", "c1").add("pageNumber", 2).build()).status());
            assertEquals(1, delta(after, scrape(), "jamra_broadcasts_published_total",
                    "event=\"library:progress:updated\""), "every broadcast is counted, progress included");
            // the histograms sample deliveries (ChannelMetricsTest checks them delivery by delivery)
            assertThat(delta(before, after, "jamra_websocket_publish_to_write_seconds_count", ""),
                    lessThanOrEqualTo(delta(before, after, "jamra_websocket_deliveries_total", "")));
            assertEquals(after.value("jamra_websocket_publish_to_write_seconds_count", ""),
                    after.value("jamra_websocket_publish_to_write_seconds_bucket", "le=\"+Inf\""));
            assertEquals(after.value("jamra_websocket_queue_depth_count", ""),
                    after.value("jamra_websocket_queue_depth_bucket", "le=\"+Inf\""));
        }
        Await.until(() -> scrape().value("jamra_websocket_connections", "") == 0, "the gauge follows closes");
    }

    @Test
    void theApiGuardsApply() {
        RawHttp.Answer foreignHost = RawHttp.get(uri, "/metrics", "evil.example");
        assertEquals(403, foreignHost.status(), "a DNS-rebound page cannot read the metrics");

        RestClient.Response untrustedPage = rest.send("GET", "/metrics", BodyPublishers.noBody(),
                Map.of("Origin", "https://evil.example"));
        assertEquals(403, untrustedPage.status());
        RestClient.Response plain = rest.get("/metrics");
        assertFalse(plain.header("Access-Control-Allow-Origin").isPresent(), "no CORS of Helidon's own");
        assertEquals(404, rest.get("/observe/metrics").status(), "only one endpoint");
    }

    private PrometheusText scrape() {
        RestClient.Response response = rest.get("/metrics");
        assertEquals(200, response.status(), response::toString);
        return new PrometheusText(response.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String label) {
        return after.value(name, label) - before.value(name, label);
    }
}
