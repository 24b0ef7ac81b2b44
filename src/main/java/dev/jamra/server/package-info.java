/**
 * The server's entry point and wiring, and nothing else. {@link dev.jamra.server.Main} loads the configuration
 * ({@code config.ServerConfig}: system properties, environment, the file named by {@code JAMRA_CONFIG}, the built-in
 * {@code application.yaml}) and {@link dev.jamra.server.Main#setup} builds every feature and its routes in one
 * place; no other class imports it. Tests call the same method, so a test server is the real server. It returns
 * {@link dev.jamra.server.ServerLifecycle}, which holds the event channel and owns the order in which things stop.
 *
 * <p>No feature logic lives here: each feature package owns its rules, storage and routes, and gets its own
 * configuration node or settings record, never the configuration root.
 */
package dev.jamra.server;
