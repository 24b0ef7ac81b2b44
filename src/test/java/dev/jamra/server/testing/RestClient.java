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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;


import static org.junit.jupiter.api.Assertions.assertEquals;
/**
 * A JSON client of the REST API: over a real socket (the JDK's HTTP client), or straight into the routing of a
 * {@code @RoutingTest} (Helidon's {@code DirectClient}) where no socket is needed. Every call is bounded.
 */
public final class RestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    private final URI server;
    private final Http1Client direct;

    /** A client of the server listening at {@code server}. */
    public RestClient(URI server) {
        this.server = server;
        this.direct = null;
    }

    private RestClient(Http1Client direct) {
        this.server = null;
        this.direct = direct;
    }

    /** A client that hands its requests to {@code client}, a {@code @RoutingTest}'s {@code DirectClient}. */
    public static RestClient direct(Http1Client client) {
        return new RestClient(client);
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
        return exchange("GET", path, null, Map.of());
    }

    /** GETs {@code path}, asserts the answer is {@code 200}, and returns its JSON object. */
    public JsonObject getJson(String path) {
        Response response = get(path);
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    /** A request without a body by any method ({@code OPTIONS}...), through the direct client or the socket. */
    public Response send(String method, String path) {
        return exchange(method, path, null, Map.of());
    }

    public Response delete(String path) {
        return exchange("DELETE", path, null, Map.of());
    }

    public Response post(String path, JsonValue body) {
        return post(path, body.toString());
    }

    public Response post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Response post(String path, String contentType, String body) {
        return exchange("POST", path, body, Map.of("Content-Type", contentType));
    }

    public Response put(String path, JsonValue body) {
        return put(path, body.toString());
    }

    public Response put(String path, String json) {
        return put(path, "application/json", json);
    }

    public Response put(String path, String contentType, String body) {
        return exchange("PUT", path, body, Map.of("Content-Type", contentType));
    }

    public Response patch(String path, JsonValue body) {
        return patch(path, body.toString());
    }

    public Response patch(String path, String json) {
        return exchange("PATCH", path, json, Map.of("Content-Type", "application/json"));
    }

    /** Sends {@code body} as text, or no body when it is {@code null}. */
    private Response exchange(String method, String path, String body, Map<String, String> headers) {
        if (direct == null) {
            return send(method, path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body), headers);
        }
        // the path is sent as written, already encoded, as the socket client does
        Http1ClientRequest request = direct.method(Method.create(method)).skipUriEncoding(true).uri(path)
                .readTimeout(Await.TIMEOUT)
                // the server answers only requests addressed to it, as a loopback host
                .header(HeaderNames.HOST, "localhost");
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (Http1ClientResponse response = body == null ? request.request()
                : request.submit(body.getBytes(StandardCharsets.UTF_8))) {
            Map<String, List<String>> answered = new HashMap<>();
            response.headers().forEach(header -> answered.put(header.name(), header.allValues()));
            byte[] bytes = response.entity().hasEntity() ? response.entity().as(byte[].class) : new byte[0];
            return new Response(response.status().code(), HttpHeaders.of(answered, (name, value) -> true), bytes);
        }
    }

    /** Sends a request over the socket, with a body of any kind; not for a direct client. */
    public Response send(String method, String path, BodyPublisher body, Map<String, String> headers) {
        if (server == null) {
            throw new IllegalStateException("A direct client sends through get, post, put, patch and delete");
        }
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
