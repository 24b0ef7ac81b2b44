package dev.jamra.server.web;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json.createObjectBuilder()} and its siblings look
 * the provider up with a {@code ServiceLoader} on every call, scanning the class path each time; under load
 * that was a tenth of the server's CPU. Use {@link #JSON} instead of {@code Json}.
 */
public final class JsonFactory {

    /** The provider; thread-safe, like the builders and readers it makes are not. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonFactory() {
    }
}
