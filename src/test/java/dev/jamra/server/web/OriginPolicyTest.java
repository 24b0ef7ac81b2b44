package dev.jamra.server.web;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {
    private final OriginPolicy defaults = new OriginPolicy(OriginPolicy.DEFAULT_PATTERNS);

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "http://localhost", "http://127.0.0.1:3000", "http://[::1]:8080",
                            "tauri://localhost", "http://tauri.localhost", "https://tauri.localhost",
                            "HTTP://LOCALHOST:5173"})
    void defaultListAcceptsLoopbackPagesAndTheDesktopShell(String origin) {
        assertTrue(defaults.allows(Optional.of(origin), "localhost:3000"), origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://localhost.evil.example", "http://localhost:80.evil.example",
                            "https://localhost:5173", "http://127.0.0.2:80", "null", "tauri://localhost.evil"})
    void defaultListRefusesOtherPages(String origin) {
        assertFalse(defaults.allows(Optional.of(origin), "localhost:3000"), origin);
    }

    @Test
    void nativeClientsAndTheServersOwnOriginAlwaysPass() {
        OriginPolicy strict = new OriginPolicy(List.of("https://reader.example"), List.of("jamra.lan"));
        assertTrue(strict.allows(Optional.empty(), "localhost:3000"));
        assertTrue(strict.allows(Optional.of("http://jamra.lan:3000"), "jamra.lan:3000"));
        assertFalse(strict.allows(Optional.of("http://localhost:5173"), "localhost:3000"), "the list replaces defaults");
    }

    @Test
    void wildcardsCoverHostsAndStarCoversAll() {
        OriginPolicy hosts = new OriginPolicy(List.of("https://*.reader.example"));
        assertTrue(hosts.allows(Optional.of("https://app.reader.example"), "localhost"));
        assertFalse(hosts.allows(Optional.of("https://app.reader.example.evil"), "localhost"));
        assertFalse(hosts.allows(Optional.of("https://x/y.reader.example"), "localhost"));
        assertTrue(new OriginPolicy(List.of("*")).allows(Optional.of("https://anything.example"), "localhost"));
    }

    @Test
    void theOwnOriginRuleTrustsOnlyNamesTheServerKnows() {
        OriginPolicy strict = new OriginPolicy(List.of("https://reader.example"), List.of("jamra.lan"));
        assertTrue(strict.allows(Optional.of("http://localhost:3000"), "localhost:3000"));
        assertTrue(strict.allows(Optional.of("http://jamra.lan:3000"), "jamra.lan:3000"));
        assertFalse(strict.allows(Optional.of("http://evil.example:3000"), "evil.example:3000"),
                "a rebound page sends its own name as Host and Origin");
    }

    @Test
    void allowingEveryHostDoesNotTrustEveryPage() {
        // ALLOWED_HOSTS=*: any Host passes the host check, but a rebound page is still not of our own origin
        OriginPolicy anyHost = new OriginPolicy(OriginPolicy.DEFAULT_PATTERNS, List.of("*"));
        assertFalse(anyHost.allows(Optional.of("http://evil.example:3000"), "evil.example:3000"));
        assertFalse(anyHost.allows(Optional.of("https://evil.example"), "evil.example"));
        assertTrue(anyHost.allows(Optional.of("http://localhost:5173"), "evil.example:3000"), "listed pages pass");
        assertTrue(anyHost.allows(Optional.empty(), "evil.example:3000"), "native clients pass");
        assertTrue(anyHost.allows(Optional.of("http://127.0.0.1:3000"), "127.0.0.1:3000"));
        assertFalse(anyHost.allows(Optional.of("http://*"), "*"), "'*' is no name of the server");
    }
}
