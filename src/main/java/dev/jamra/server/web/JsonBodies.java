package dev.jamra.server.web;

import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * Reads request bodies that must be JSON objects, failing with the API's 4xx answers: 415 when the body is not
 * declared as JSON, 400 when it is empty, malformed (via {@link ErrorHandling}) or not an object. The size cap
 * is the server's {@code max-payload-size} (413).
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static JsonObject object(ServerRequest req) {
        boolean declaredJson = req.headers().contentType()
                .map(type -> type.mediaType().subtype().equals("json")
                        || type.mediaType().subtype().endsWith("+json"))
                .orElse(false);
        if (!declaredJson) {
            throw new UnsupportedMediaTypeException("The body must be JSON, sent with Content-Type: application/json");
        }
        if (!req.content().hasEntity()) {
            throw new BadRequestException("The request needs a JSON object body");
        }
        JsonStructure body = req.content().as(JsonStructure.class);
        if (body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadRequestException("The body must be a JSON object");
        }
        return body.asJsonObject();
    }
}
