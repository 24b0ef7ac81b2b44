package dev.jamra.server.sources.local;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.MangaSourceProvider;
import dev.jamra.server.sources.SourceContext;

/**
 * The built-in {@code local} source. Its folder is {@code sources.local.dir} ({@code LOCAL_LIBRARY_DIR}), by
 * default {@code <data dir>/local}, created when missing so people see where to put their manga.
 */
public final class LocalSourceProvider implements MangaSourceProvider {
    private static final System.Logger LOG = System.getLogger(LocalSourceProvider.class.getName());

    @Override
    public String id() {
        return LocalSource.ID;
    }

    @Override
    public Optional<MangaSource> create(SourceContext context) {
        Path dir = context.config().get("dir").asString()
                .map(Path::of)
                .orElse(context.dataDir().resolve("local"))
                .toAbsolutePath()
                .normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The local library folder " + dir + " cannot be created; it lists nothing: " + e);
        }
        LOG.log(Level.INFO, () -> "Local library folder: " + dir);
        return Optional.of(new LocalSource(dir));
    }
}
