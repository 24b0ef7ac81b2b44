package dev.jamra.server.system;

import java.lang.System.Logger.Level;
import java.util.Objects;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * {@code /api/system}: lets the desktop shell that started the server stop it. Registered only when the
 * configuration allows it ({@code JAMRA_ALLOW_SHUTDOWN=true}); otherwise the path does not exist.
 */
public final class SystemHttpService implements HttpService {
    private static final System.Logger LOG = System.getLogger(SystemHttpService.class.getName());
    private static final JsonObject SHUTTING_DOWN = JSON.createObjectBuilder().add("status", "shutting-down").build();

    private final Runnable stop;

    /** @param stop starts a clean stop without waiting for it, so the answer still goes out */
    public SystemHttpService(Runnable stop) {
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/shutdown", this::shutdown);
    }

    private void shutdown(ServerRequest req, ServerResponse res) {
        LOG.log(Level.INFO, "Stopping: asked to over HTTP");
        res.status(Status.ACCEPTED_202).send(SHUTTING_DOWN);
        stop.run();
    }
}
