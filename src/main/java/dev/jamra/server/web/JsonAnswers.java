package dev.jamra.server.web;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/**
 * JSON answers that are not an object or an array. Helidon's JSON-P media support writes only those two
 * ({@code JsonStructure}), so a bare JSON value goes out as its bytes with the JSON content type.
 */
public final class JsonAnswers {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private JsonAnswers() {
    }

    /** Answers the JSON value {@code null}, with the status already set (200 by default). */
    public static void sendNull(ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(NULL);
    }
}
