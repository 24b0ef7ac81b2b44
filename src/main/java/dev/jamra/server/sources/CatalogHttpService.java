package dev.jamra.server.sources;

import java.util.List;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.web.JsonBodies;
import dev.jamra.server.web.JsonFields;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * {@code /api/catalog}: the source plug-ins this server has, as catalog entries of one repository
 * ({@link PluginCatalog#REPO_ID}). Plug-ins are found at start, so a sync re-reports them.
 */
public final class CatalogHttpService implements HttpService {
    private static final int MAX_REPO_ID_LENGTH = 512;
    private final SourceRegistry sources;

    public CatalogHttpService(SourceRegistry sources) {
        this.sources = sources;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/sync", this::sync);
    }

    /** {@code ?repoId=} (the original's name) or {@code ?repo=} (what the reader sends) filter by repository. */
    private void list(ServerRequest req, ServerResponse res) {
        String repo = req.query().first("repoId").orElseGet(() -> req.query().first("repo").orElse(""));
        List<MangaSource> listed = repo.isEmpty() || repo.equals(PluginCatalog.REPO_ID) ? sources.all() : List.of();
        res.send(PluginCatalog.entries(listed));
    }

    private void sync(ServerRequest req, ServerResponse res) {
        if (req.content().hasEntity()) {
            JsonObject body = JsonBodies.object(req);
            JsonValue repoId = body.getOrDefault("repoId", JsonValue.NULL);
            if (repoId.getValueType() != JsonValue.ValueType.NULL) {
                if (repoId.getValueType() != JsonValue.ValueType.STRING) {
                    throw ServiceException.Invalid.field("repoId", "repoId is a string");
                }
                String id = JsonFields.limited(body.getString("repoId"), "repoId", MAX_REPO_ID_LENGTH);
                if (!id.equals(PluginCatalog.REPO_ID)) {
                    throw ServiceException.Invalid.field("repoId", "Catalog repo " + id
                                                                   + " was not found; the only one is "
                                                                   + PluginCatalog.REPO_ID);
                }
            }
        }
        res.status(Status.ACCEPTED_202).send(PluginCatalog.syncResult(sources.all().size()));
    }
}
