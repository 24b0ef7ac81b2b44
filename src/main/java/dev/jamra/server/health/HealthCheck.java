package dev.jamra.server.health;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One module's part of {@code GET /health}: its name, and how to ask whether it works now.
 *
 * @param problem answers {@code null} when the module is healthy, else a sentence saying what is wrong
 */
public record HealthCheck(String name, Supplier<String> problem) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(problem, "problem");
    }
}
