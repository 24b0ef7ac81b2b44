package dev.jamra.server.settings;

import java.time.Instant;
import java.util.Objects;

import jakarta.json.JsonValue;

/** One stored setting: any JSON value under a key that is unique across scopes. */
record Setting(String key, String scope, JsonValue value, Instant updatedAt) {

    static final String DEFAULT_SCOPE = "app";

    Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
