package dev.jamra.server.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What every JSON body and every cross-origin call goes through, seen over real HTTP. */
class RequestGuardsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final RestClient rest = SERVER.http();

    private RestClient.Response putSetting(String contentType, String body) {
        return rest.send("PUT", "/api/settings", BodyPublishers.ofString(body), Map.of("Content-Type", contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/JSON", "application/json; charset=UTF-8", "text/json",
                            "application/merge-patch+json"})
    void jsonBodiesAreReadWhateverTheJsonMediaTypeSpelling(String contentType) {
        assertEquals(204, putSetting(contentType, "{\"key\":\"k\",\"value\":1}").status(), contentType);
    }

    @Test
    void bodiesThatAreNotExactlyOneJsonObjectGet400() {
        assertThat(putSetting("application/json", "{\"key\":\"a\",\"value\":1} trailing").message(),
                containsString("Malformed JSON"));
        assertThat(putSetting("application/json", "{\"key\":\"a\",\"value\":1,\"key\":\"b\"}").message(),
                containsString("Malformed JSON"));
        assertEquals(400, putSetting("application/json", "{\"key\":\"a\",\"value\":" + "[".repeat(3000)
                + "]".repeat(3000) + "}").status());
        assertThat(putSetting("application/json", "null").message(), containsString("must be a JSON object"));
        assertThat(putSetting("application/json", "\"text\"").message(), containsString("must be a JSON object"));
        assertEquals(404, rest.get("/api/settings/a").status(), "nothing was stored");
        assertEquals(404, rest.get("/api/settings/b").status(), "nothing was stored");
        assertEquals(415, putSetting("text/plain", "{\"key\":\"a\",\"value\":1}").status());
    }

    @Test
    void trustedPagesGetCorsAnswersAndPreflights() {
        RestClient.Response preflight = rest.send("OPTIONS", "/api/library", BodyPublishers.noBody(), Map.of(
                "Origin", "http://localhost:5173",
                "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "content-type"));
        assertEquals(204, preflight.status());
        assertEquals("http://localhost:5173", preflight.header("Access-Control-Allow-Origin").orElseThrow());
        assertThat(preflight.header("Access-Control-Allow-Methods").orElseThrow(), containsString("PATCH"));
        assertEquals("content-type", preflight.header("Access-Control-Allow-Headers").orElseThrow());

        RestClient.Response get = rest.send("GET", "/api/library", BodyPublishers.noBody(),
                Map.of("Origin", "tauri://localhost"));
        assertEquals(200, get.status());
        assertEquals("tauri://localhost", get.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("Origin", get.header("Vary").orElseThrow());
    }

    @Test
    void untrustedPagesAreRefusedAndNativeClientsGetNoCorsHeaders() {
        RestClient.Response evil = rest.send("DELETE", "/api/settings/k", BodyPublishers.noBody(),
                Map.of("Origin", "https://evil.example"));
        assertEquals(403, evil.status());
        assertThat(evil.message(), containsString("may not use this server"));

        RestClient.Response plain = rest.get("/api/library");
        assertEquals(200, plain.status());
        assertFalse(plain.header("Access-Control-Allow-Origin").isPresent());
    }
}
