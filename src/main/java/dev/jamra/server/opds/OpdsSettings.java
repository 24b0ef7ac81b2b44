package dev.jamra.server.opds;

import java.util.Optional;

import io.helidon.config.Config;

/**
 * The catalog's settings: the user name and password OPDS apps must give (HTTP Basic), or none, the default, for
 * a catalog open to whoever may reach the server at all. The password never appears in {@link #toString}.
 */
public record OpdsSettings(Optional<String> username, Optional<String> password) {

    public OpdsSettings {
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("opds.username and opds.password are set together, or neither");
        }
        if (username.isPresent() && username.get().contains(":")) {
            throw new IllegalArgumentException("opds.username may not contain ':' (HTTP Basic cannot carry it)");
        }
    }

    /** Reads the {@code opds} node; a blank value counts as not set. */
    public static OpdsSettings from(Config opds) {
        return new OpdsSettings(value(opds.get("username")), value(opds.get("password")));
    }

    private static Optional<String> value(Config node) {
        return node.asString().asOptional().filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "OpdsSettings[username=" + username.orElse("(none)") + ", password="
               + (password.isPresent() ? "(set)" : "(none)") + "]";
    }
}
