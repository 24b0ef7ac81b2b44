package dev.jamra.server.sources;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A place manga come from: a folder on disk, a web site... Implementations are plug-ins, created by a
 * {@link MangaSourceProvider} that {@link java.util.ServiceLoader} finds.
 *
 * <p>Every method may be called from many threads at once. A failure is a {@link SourceException}; an id this
 * source does not know is a {@link SourceNotFoundException}. Ids returned by a source are opaque strings the
 * server hands back unchanged.
 */
public interface MangaSource {

    SourceInfo info();

    /** One page (from 1) of the manga matching {@code query}; an empty query lists everything. */
    SearchPage search(String query, int page);

    /** A manga's details with its chapters, in reading order. */
    Manga manga(String mangaId);

    /**
     * The manga's chapters in reading order as the source has them now, for the library update check that compares
     * them with those it saw before. A source that keeps answers for a while must not answer this from what it
     * kept, and should forget the manga's kept details, so that the next {@link #manga} lists the same chapters.
     * By default the chapters of {@link #manga}: right for a source that keeps nothing.
     */
    default List<Chapter> latestChapters(String mangaId) {
        return manga(mangaId).chapters();
    }

    /**
     * The shortest time between two requests to this source's site that keeps within its rate limit, or
     * {@link Duration#ZERO} (the default) for a source that asks no site or has no limit. The library update check
     * spaces its calls to the source this far apart, so a large library's check spreads over time and leaves the
     * user's own requests at most one request's wait behind it.
     */
    default Duration requestInterval() {
        return Duration.ZERO;
    }

    /** The pages of a chapter, in reading order, indexed from 0. */
    List<Page> pages(String mangaId, String chapterId);

    /**
     * The pages of a chapter with their pixel sizes where the source can tell them cheaply (the reader shows them
     * to lay pages out before they load). Called once per chapter shown, unlike {@link #pages}, which serving a
     * single page also calls; by default the pages as {@link #pages} gives them.
     */
    default List<Page> describedPages(String mangaId, String chapterId) {
        return pages(mangaId, chapterId);
    }

    /**
     * Opens the bytes of a page that this source serves itself (one whose {@link Page#remote() url is not
     * http(s)}). The caller closes the content. Sources whose pages are all remote keep the default.
     */
    default PageContent openPage(String mangaId, String chapterId, Page page) {
        throw new SourceNotFoundException("Source " + info().id() + " serves no page itself; fetch " + page.imageUrl());
    }

    /**
     * The cover of a manga that this source serves itself, for sources whose covers are not on the web: such a
     * source gives as the {@code coverUrl} of its search results and details a locator that is not {@code http(s)}
     * (as {@link Page#imageUrl()} does), and the server answers it with a URL of its own that sends this image.
     * Empty (the default) when the source serves no cover for the manga; an unknown manga is a
     * {@link SourceNotFoundException}. Called whenever a client shows the cover, so it should be cheap.
     */
    default Optional<CoverImage> cover(String mangaId) {
        return Optional.empty();
    }

    /**
     * A new address for a page whose URL was refused with 403 or 404, for sources whose page URLs expire; asked
     * at most once per fetch of the page. Empty (the default) when the source has none, and the fetch fails.
     */
    default Optional<Page> refreshPage(String mangaId, String chapterId, Page page) {
        return Optional.empty();
    }

    /**
     * Where people can read a chapter on the web, when the source is a web site ({@code https://...}); empty (the
     * default) for sources that are not, such as a folder on disk. Exports name it as the chapter's web link.
     */
    default Optional<String> chapterWebUrl(String mangaId, String chapterId) {
        return Optional.empty();
    }
}
