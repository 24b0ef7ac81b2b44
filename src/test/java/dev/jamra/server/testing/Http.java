package dev.jamra.server.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** A small HTTP client for REST tests over a real socket; every call is bounded by {@link Await#TIMEOUT}. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Await.TIMEOUT).build();

    private final URI server;

    public Http(URI server) {
        this.server = server;
    }

    /** A response with its body as bytes. */
    public record Response(int status, HttpResponse<byte[]> raw) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(text()))) {
                return reader.readObject();
            }
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, JsonObject body) {
        return postRaw(path, "application/json", body.toString());
    }

    public Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(Await.TIMEOUT);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
