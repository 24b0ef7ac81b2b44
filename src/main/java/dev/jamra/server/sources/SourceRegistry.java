package dev.jamra.server.sources;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

import dev.jamra.server.errors.ServiceException;

import io.helidon.config.Config;

/**
 * The installed sources, by id, and the one place where their failures become service failures: an unknown
 * source, manga or chapter is {@link ServiceException.NotFound} (a 404), anything else going wrong inside a source
 * a {@link ServiceException.SourceFailure} (a 502) that names the source and leaves the details to the log.
 */
public final class SourceRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SourceRegistry.class.getName());

    private final Map<String, MangaSource> sources;

    public SourceRegistry(List<MangaSource> sources) {
        Map<String, MangaSource> byId = new TreeMap<>();
        for (MangaSource source : sources) {
            MangaSource previous = byId.putIfAbsent(source.info().id(), source);
            if (previous != null) {
                throw new IllegalStateException("Two sources have the id " + source.info().id() + ": "
                                                + previous.getClass().getName() + ", " + source.getClass().getName());
            }
        }
        this.sources = Collections.unmodifiableMap(byId);
    }

    /**
     * The sources that {@link ServiceLoader} finds, each created with its node of {@code sourcesConfig}. A
     * provider that fails to create its source is logged and left out, so one broken plug-in does not stop the
     * server.
     */
    public static SourceRegistry load(Config sourcesConfig, Path dataDir, OutboundGuard outbound) {
        List<MangaSource> found = new ArrayList<>();
        for (MangaSourceProvider provider : ServiceLoader.load(MangaSourceProvider.class)) {
            try {
                SourceContext context = new SourceContext(sourcesConfig.get(provider.id()), dataDir, outbound);
                provider.create(context).ifPresent(source -> {
                    if (!source.info().id().equals(provider.id())) {
                        throw new IllegalStateException("Provider " + provider.id() + " created source "
                                                        + source.info().id());
                    }
                    found.add(source);
                });
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Source " + provider.id() + " could not start; it is not available", e);
            }
        }
        SourceRegistry registry = new SourceRegistry(found);
        LOG.log(Level.INFO, () -> "Sources: " + registry.sources.keySet());
        return registry;
    }

    /** Every source, by id. */
    public List<MangaSource> all() {
        return List.copyOf(sources.values());
    }

    public Optional<MangaSource> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /**
     * Runs {@code work} with source {@code sourceId}, turning failures into service failures: unknown source or id
     * {@link ServiceException.NotFound}, a source too busy to take it now {@link ServiceException.Unavailable}, any
     * other failure {@link ServiceException.SourceFailure}.
     */
    public <T> T call(String sourceId, Function<MangaSource, T> work) {
        MangaSource source = find(sourceId)
                .orElseThrow(() -> new ServiceException.NotFound("Unknown source: " + sourceId));
        try {
            return work.apply(source);
        } catch (SourceNotFoundException e) {
            throw new ServiceException.NotFound(e.getMessage());
        } catch (SourceBusyException e) {
            throw new ServiceException.Unavailable(e.getMessage(), e.retryAfter());
        } catch (ServiceException e) {
            throw e;
        } catch (RuntimeException e) {
            // The detail may name files or hosts of this machine: it goes to the log, not to the client.
            LOG.log(Level.WARNING, "Source " + sourceId + " failed: " + e);
            LOG.log(Level.DEBUG, "Source failure", e);
            throw new ServiceException.SourceFailure("The source '" + sourceId + "' could not answer this request", e);
        }
    }

    /** Closes the sources that hold resources (HTTP clients, threads); a failure is logged, the others still close. */
    @Override
    public void close() {
        for (MangaSource source : sources.values()) {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Source " + source.info().id() + " did not close cleanly: " + e);
                }
            }
        }
    }
}
