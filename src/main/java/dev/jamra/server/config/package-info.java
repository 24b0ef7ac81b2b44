/**
 * Where the configuration comes from: {@link dev.jamra.server.config.ServerConfig} puts system properties, the short
 * environment names the desktop shell and the README use ({@code PORT}, {@code DATA_DIR}, {@code DB_PATH},
 * {@code JAMRA_ALLOW_SHUTDOWN}...), other environment variables, the file named by {@code JAMRA_CONFIG} and the
 * built-in {@code application.yaml} together, strongest first. {@code Main} loads it and hands each feature its own
 * node; {@code bin/import-jamra} asks it only for the data folder, so both find the same one.
 *
 * <p>It holds no defaults of its own (those live in {@code application.yaml} alone) and reads no feature's settings.
 */
package dev.jamra.server.config;
