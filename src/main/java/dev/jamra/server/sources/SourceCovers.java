package dev.jamra.server.sources;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The URLs clients get for covers. A source's {@code coverUrl} is either on the web ({@code http(s)}), kept as it
 * is, or a locator of a cover the source serves itself ({@link MangaSource#cover}), given to clients as the URL of
 * {@code /api/extensions/:id/manga/:mangaId/cover} on this server: never a path of this machine.
 */
public final class SourceCovers {
    private static final System.Logger LOG = System.getLogger(SourceCovers.class.getName());

    private final SourceRegistry sources;

    public SourceCovers(SourceRegistry sources) {
        this.sources = sources;
    }

    /** What a client is given for a source's {@code coverUrl} of a manga, as the client reached {@code base}. */
    static String forClient(String coverUrl, String base, String sourceId, String mangaId) {
        return Page.isRemote(coverUrl) ? coverUrl : served(base, sourceId, mangaId);
    }

    /** The URL of the route that sends a cover its source serves itself. */
    static String served(String base, String sourceId, String mangaId) {
        return SourcesHttpService.mangaUrl(base, sourceId, mangaId) + "/cover";
    }

    /**
     * The cover a manga's source serves itself, as a URL of this server ({@code base}, as the client reached it),
     * for things that name the manga without a cover of their own (library items added without one). Empty when the
     * source serves none, does not know the manga, is not installed or fails (logged at DEBUG: a library listing
     * asks for each item, and the source logs its own failures).
     */
    public Optional<String> servedCover(String sourceId, String mangaId, String base) {
        Optional<MangaSource> source = sources.find(sourceId);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            return source.get().cover(mangaId).map(cover -> served(base, sourceId, mangaId));
        } catch (SourceNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Source " + sourceId + " failed to tell the cover of " + mangaId + ": " + e);
            return Optional.empty();
        }
    }
}
