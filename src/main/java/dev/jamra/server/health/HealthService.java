package dev.jamra.server.health;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.websocket.ChannelStats;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * {@code GET /health}: {@code {status, timestamp, modules, connections, slowConsumerCloses}}. {@code status}
 * is {@code ok} (200) when every module is healthy, else {@code degraded} (503) with each module's problem.
 */
public final class HealthService implements HttpService {
    private final List<HealthCheck> modules;
    private final Supplier<ChannelStats> channel;
    private final Clock clock;

    public HealthService(List<HealthCheck> modules, Supplier<ChannelStats> channel, Clock clock) {
        this.modules = List.copyOf(modules);
        this.channel = channel;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean healthy = true;
        JsonArrayBuilder moduleStates = JSON.createArrayBuilder();
        for (HealthCheck module : modules) {
            String problem = module.problem().get();
            JsonObjectBuilder state = JSON.createObjectBuilder()
                    .add("name", module.name())
                    .add("status", problem == null ? "ok" : "failing");
            if (problem != null) {
                state.add("message", problem);
                healthy = false;
            }
            moduleStates.add(state);
        }
        ChannelStats stats = channel.get();
        res.status(healthy ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .send(JSON.createObjectBuilder()
                        .add("status", healthy ? "ok" : "degraded")
                        .add("timestamp", IsoTime.format(IsoTime.now(clock)))
                        .add("modules", moduleStates)
                        .add("connections", stats.connections())
                        .add("slowConsumerCloses", stats.slowConsumerCloses())
                        .build());
    }
}
