package dev.jamra.server.sources;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/installer}: the original server's extension installer. Sources here are Java plug-ins, so every
 * route answers a 4xx whose message says how to add one ({@link PluginInstalls}).
 */
public final class InstallerHttpService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::install)
                .get("/install/{jobId}", this::job);
    }

    private void install(ServerRequest req, ServerResponse res) {
        throw PluginInstalls.refused();
    }

    private void job(ServerRequest req, ServerResponse res) {
        throw PluginInstalls.noJob();
    }
}
