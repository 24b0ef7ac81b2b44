/**
 * {@code GET /health}: whether each module (today the database) works now, with the event channel's
 * connection figures. It only asks; it repairs nothing and keeps no state of its own.
 */
package dev.jamra.server.health;
