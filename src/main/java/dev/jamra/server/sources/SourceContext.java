package dev.jamra.server.sources;

import java.nio.file.Path;
import java.util.Objects;

import io.helidon.config.Config;

/**
 * What a source gets to create itself.
 *
 * @param config   its own node, {@code sources.<id>} (possibly missing)
 * @param dataDir  the server's data folder
 * @param outbound the guard every request the source sends out must go through (its clients)
 */
public record SourceContext(Config config, Path dataDir, OutboundGuard outbound) {

    public SourceContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(outbound, "outbound");
    }
}
