package dev.jamra.server.web;

import java.util.Locale;

import dev.jamra.server.errors.ServiceException;

import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Reads request bodies that must be JSON objects, failing with the API's 4xx answers: 415 when the body is not
 * declared as JSON ({@code application/json}, {@code text/json} or {@code application/*+json}, in any case),
 * 400 when it is empty, not strictly one JSON value (see {@link StrictJson}) or not an object. The size cap is
 * the server's {@code max-payload-size} (413).
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static JsonObject object(ServerRequest req) {
        boolean declaredJson = req.headers().contentType()
                .map(type -> isJson(type.mediaType().type(), type.mediaType().subtype()))
                .orElse(false);
        if (!declaredJson) {
            throw new ServiceException.UnsupportedFormat(
                    "The body must be JSON, sent with Content-Type: application/json");
        }
        if (!req.content().hasEntity()) {
            throw new ServiceException.Invalid("The request needs a JSON object body");
        }
        JsonValue body = StrictJson.parse(req.content().as(String.class));
        if (body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ServiceException.Invalid("The body must be a JSON object");
        }
        return body.asJsonObject();
    }

    private static boolean isJson(String type, String subtype) {
        String t = type.toLowerCase(Locale.ROOT);
        String s = subtype.toLowerCase(Locale.ROOT);
        return (t.equals("application") && (s.equals("json") || s.endsWith("+json")))
               || (t.equals("text") && s.equals("json"));
    }
}
