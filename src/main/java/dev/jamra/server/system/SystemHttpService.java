package dev.jamra.server.system;

import java.lang.System.Logger.Level;
import java.util.Objects;

import dev.jamra.server.errors.ServiceException;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * {@code /api/system}: lets the desktop shell that started the server stop it. Registered only when the
 * configuration allows it ({@code JAMRA_ALLOW_SHUTDOWN=true}); otherwise the path does not exist. A request with
 * an {@code Origin} header (one a web page sends) is refused with 403, from any origin.
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
        if (req.headers().contains(HeaderNames.ORIGIN)) {
            // A web page's request carries Origin, and a CORS "simple" POST needs no preflight: any page of an
            // allowed origin could stop the server. The desktop shell calls without one.
            throw new ServiceException.Forbidden("The server is stopped only by a native client (a request without"
                                                 + " Origin), never from a web page");
        }
        LOG.log(Level.INFO, "Stopping: asked to over HTTP");
        res.status(Status.ACCEPTED_202).send(SHUTTING_DOWN);
        stop.run();
    }
}
