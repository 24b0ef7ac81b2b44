package dev.jamra.server.web;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFilterTest {
    private final HostFilter loopbackOnly = new HostFilter(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:3000", "LOCALHOST:3000", "127.0.0.1", "127.0.0.1:80", "[::1]",
                            "[::1]:3000"})
    void loopbackNamesPass(String host) {
        assertTrue(loopbackOnly.allows(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "evil.example", "evil.example:3000", "localhost.evil.example", "localhost:3000@evil",
                            "localhost:abc", "127.0.0.1.nip.io", "[::1].evil", "[::2]:3000", "127.0.0.2"})
    void otherNamesAreRefused(String host) {
        assertFalse(loopbackOnly.allows(host), host);
    }

    @Test
    void configuredNamesAndStar() {
        HostFilter lan = new HostFilter(List.of(" jamra.lan ", "Reader.Lan"));
        assertTrue(lan.allows("jamra.lan:3000"));
        assertTrue(lan.allows("reader.lan"));
        assertFalse(lan.allows("other.lan"));
        assertTrue(new HostFilter(List.of("*")).allows("anything.example:1"));
    }
}
