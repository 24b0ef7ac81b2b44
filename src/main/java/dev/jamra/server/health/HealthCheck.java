package dev.jamra.server.health;

/**
 * One module's part of {@code GET /health}: its name and whether it works now.
 */
public interface HealthCheck {

    String name();

    /** @return {@code null} when healthy, else a sentence saying what is wrong */
    String problem();
}
