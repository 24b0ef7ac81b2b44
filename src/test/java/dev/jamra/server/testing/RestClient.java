package dev.jamra.server.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** A JSON client of the REST API over a real socket (the JDK's HTTP client); every call is bounded. */
public final class RestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    private final URI server;

    public RestClient(URI server) {
        this.server = server;
    }

    /** An answer: status, headers and the body, as bytes and as text. */
    public record Response(int status, HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonValue value() {
            try (JsonReader reader = Json.createReader(new StringReader(body()))) {
                return reader.readValue();
            }
        }

        public JsonObject json() {
            return value().asJsonObject();
        }

        public JsonArray array() {
            return value().asJsonArray();
        }

        /** The {@code message} of an error body. */
        public String message() {
            return json().getString("message");
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    public Response get(String path) {
        return send("GET", path, BodyPublishers.noBody(), Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody(), Map.of());
    }

    public Response post(String path, JsonValue body) {
        return post(path, body.toString());
    }

    public Response post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Response post(String path, String contentType, String body) {
        return send("POST", path, BodyPublishers.ofString(body), Map.of("Content-Type", contentType));
    }

    public Response put(String path, JsonValue body) {
        return put(path, body.toString());
    }

    public Response put(String path, String json) {
        return send("PUT", path, BodyPublishers.ofString(json), Map.of("Content-Type", "application/json"));
    }

    public Response patch(String path, JsonValue body) {
        return patch(path, body.toString());
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, BodyPublishers.ofString(json), Map.of("Content-Type", "application/json"));
    }

    public Response send(String method, String path, BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(Await.TIMEOUT)
                .method(method, body);
        headers.forEach(request::header);
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted during " + method + " " + path, e);
        }
    }
}
