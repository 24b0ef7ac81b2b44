package dev.jamra.server.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.web.JsonBodies;
import dev.jamra.server.web.JsonFields;
import dev.jamra.server.web.QueryParams;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import static dev.jamra.server.web.JsonFactory.JSON;

/** {@code /api/settings}: maps the Settings routes of docs/API.md onto {@link SettingsService}. */
public final class SettingsHttpService implements HttpService {
    /** The longest key and scope, and the longest value's JSON text: more than any setting needs. */
    static final int MAX_KEY_LENGTH = 256;
    static final int MAX_SCOPE_LENGTH = 64;
    static final int MAX_VALUE_LENGTH = 65_536;
    private final SettingsService settings;

    public SettingsHttpService(SettingsService settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .put("/", this::put)
                .get("/{key}", this::get)
                .delete("/{key}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<String> scope = QueryParams.optional(req.query(), "scope");
        List<Setting> found = settings.list(scope);
        JsonArrayBuilder json = JSON.createArrayBuilder();
        found.forEach(setting -> json.add(json(setting)));
        res.send(JSON.createObjectBuilder().add("settings", json).build());
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(JSON.createObjectBuilder().add("setting", json(settings.get(key(req)))).build());
    }

    private void put(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonBodies.object(req);
        String key = JsonFields.requiredString(body, "key", MAX_KEY_LENGTH);
        if (key.contains("/")) {
            // GET and DELETE name the key in the path, where a slash cannot be
            throw ServiceException.Invalid.field("key", "key must not contain '/'");
        }
        Optional<String> scope = JsonFields.optionalString(body, "scope", MAX_SCOPE_LENGTH);
        if (scope.isPresent() && scope.get().isBlank()) {
            throw ServiceException.Invalid.field("scope", "scope must not be empty; leave it out for \"app\"");
        }
        settings.put(key, scope, JsonFields.requiredValue(body, "value", MAX_VALUE_LENGTH));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        settings.delete(key(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static String key(ServerRequest req) {
        return req.path().pathParameters().get("key");
    }

    private static JsonObject json(Setting setting) {
        return JSON.createObjectBuilder()
                .add("key", setting.key())
                .add("scope", setting.scope())
                .add("value", setting.value())
                .add("updatedAt", IsoTime.format(setting.updatedAt()))
                .build();
    }
}
