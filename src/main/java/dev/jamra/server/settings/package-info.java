/**
 * The reader's own key/value settings ({@code /api/settings}), any JSON value under a key, stored in the
 * {@code settings} table.
 *
 * <p>Not the server's configuration: that is {@code application.yaml} and the environment, loaded by
 * {@code config.ServerConfig} for {@code Main}.
 */
package dev.jamra.server.settings;
