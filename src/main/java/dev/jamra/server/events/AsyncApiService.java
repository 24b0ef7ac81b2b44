package dev.jamra.server.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /asyncapi.json}: the event channel's contract, an AsyncAPI 3.0 document with a JSON Schema of
 * every message in both directions. The test suite validates every message its clients see against it.
 */
public final class AsyncApiService implements HttpService {
    /** Where the document is served. */
    public static final String PATH = "/asyncapi.json";
    /** Where it lives on the class path (and in the repository, under {@code src/main/resources}). */
    public static final String RESOURCE = "/asyncapi.json";

    private final byte[] document;

    public AsyncApiService() {
        this.document = load();
    }

    /** The document's bytes, as served. */
    public static byte[] load() {
        try (InputStream in = AsyncApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The AsyncAPI document " + RESOURCE
                                                + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(document);
    }
}
