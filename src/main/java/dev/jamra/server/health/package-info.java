/**
 * {@code GET /health}: whether each module (today the database) works now, with the event channel's
 * connection figures. It only asks, through the {@link dev.jamra.server.health.HealthCheck}s {@code Main} hands it;
 * the modules know nothing of it. It repairs nothing and keeps no state of its own.
 */
package dev.jamra.server.health;
