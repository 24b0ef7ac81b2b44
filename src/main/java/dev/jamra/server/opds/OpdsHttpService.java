package dev.jamra.server.opds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;

import dev.jamra.server.downloads.DownloadService;
import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.library.DefaultCovers;
import dev.jamra.server.library.LibraryBrowser;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.reader.ReaderPages;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.updates.LibraryUpdates;
import dev.jamra.server.web.PathParams;
import dev.jamra.server.web.QueryParams;
import dev.jamra.server.web.RequestUrls;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /opds}: the OPDS 1.2 catalog (Atom) with its OpenSearch description and the OPDS-PSE page streams, and
 * below {@code /opds/v2} the same catalog in OPDS 2.0 (JSON). Feeds are built per request on the host name the
 * client used, so a device on the LAN gets links it can follow.
 */
public final class OpdsHttpService implements HttpService {
    /** The largest page number a feed accepts; far more than any library fills. */
    static final int MAX_PAGE = 100_000;
    private static final String CHARSET = ";charset=utf-8";

    private final OpdsCatalog catalog;
    private final ReaderPages pages;
    private final byte[] noCover;

    /** The catalog of the library, whose chapters' pages stream through the reader's {@code pages}. */
    public static OpdsHttpService create(LibraryBrowser browser, LibraryService library, SourceRegistry sources,
                                         DownloadService downloads, LibraryUpdates updates, DefaultCovers covers,
                                         ReaderPages pages, Clock clock) {
        return new OpdsHttpService(new OpdsCatalog(browser, library, sources, downloads, updates, covers, clock),
                pages);
    }

    OpdsHttpService(OpdsCatalog catalog, ReaderPages pages) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.noCover = resource("/opds/no-cover.png");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::root)
                .get("/search.xml", this::openSearch)
                .get("/search", this::search)
                .get("/shelves/{shelf}", this::shelf)
                .get("/titles/{libraryId}", this::title)
                .get("/" + OpdsCatalog.NEW_CHAPTERS_PATH, this::newChapters)
                .get("/stream/{libraryId}/{chapterId}/{pageNumber}", this::streamPage)
                .get("/no-cover.png", this::noCover)
                .get("/v2", this::rootV2)
                .get("/v2/search", this::searchV2)
                .get("/v2/shelves/{shelf}", this::shelfV2)
                .get("/v2/titles/{libraryId}", this::titleV2)
                .get("/v2/" + OpdsCatalog.NEW_CHAPTERS_PATH, this::newChaptersV2)
                .get("/v2/titles/{libraryId}/chapters/{chapterId}", this::publicationV2);
    }

    private void root(ServerRequest req, ServerResponse res) {
        atom(req, res, catalog.root());
    }

    private void openSearch(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, AtomFeeds.OPENSEARCH_TYPE + CHARSET)
                .send(new AtomFeeds(RequestUrls.base(req)).openSearch());
    }

    private void search(ServerRequest req, ServerResponse res) {
        atom(req, res, catalog.search(query(req), page(req)));
    }

    private void shelf(ServerRequest req, ServerResponse res) {
        atom(req, res, catalog.shelf(shelf(req), page(req)));
    }

    private void title(ServerRequest req, ServerResponse res) {
        atom(req, res, catalog.title(PathParams.text(req, "libraryId"), page(req)));
    }

    private void newChapters(ServerRequest req, ServerResponse res) {
        atom(req, res, catalog.newChapters(page(req)));
    }

    /** An OPDS-PSE page: {@code pageNumber} counts from 0, the reader's pages from 1. */
    private void streamPage(ServerRequest req, ServerResponse res) {
        int pageNumber = PathParams.wholeNumber(req, "pageNumber");
        if (pageNumber < 0) {
            throw ServiceException.Invalid.field("pageNumber", "Stream pages count from 0, was " + pageNumber);
        }
        pages.send(req, res, PathParams.text(req, "libraryId"), PathParams.text(req, "chapterId"), pageNumber + 1);
    }

    private void noCover(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "image/png").send(noCover);
    }

    private void rootV2(ServerRequest req, ServerResponse res) {
        opds2(req, res, catalog.root());
    }

    private void searchV2(ServerRequest req, ServerResponse res) {
        opds2(req, res, catalog.search(query(req), page(req)));
    }

    private void shelfV2(ServerRequest req, ServerResponse res) {
        opds2(req, res, catalog.shelf(shelf(req), page(req)));
    }

    private void titleV2(ServerRequest req, ServerResponse res) {
        opds2(req, res, catalog.title(PathParams.text(req, "libraryId"), page(req)));
    }

    private void newChaptersV2(ServerRequest req, ServerResponse res) {
        opds2(req, res, catalog.newChapters(page(req)));
    }

    private void publicationV2(ServerRequest req, ServerResponse res) {
        CatalogFeed.ChapterEntry chapter = catalog.chapter(PathParams.text(req, "libraryId"),
                PathParams.text(req, "chapterId"));
        res.header(HeaderNames.CONTENT_TYPE, Opds2Feeds.PUBLICATION_TYPE + CHARSET)
                .send(new Opds2Feeds(RequestUrls.base(req)).publication(chapter).toString());
    }

    private static void atom(ServerRequest req, ServerResponse res, CatalogFeed feed) {
        res.header(HeaderNames.CONTENT_TYPE, AtomFeeds.typeOf(AtomFeeds.kindOf(feed)) + CHARSET)
                .send(new AtomFeeds(RequestUrls.base(req)).write(feed));
    }

    private static void opds2(ServerRequest req, ServerResponse res, CatalogFeed feed) {
        res.header(HeaderNames.CONTENT_TYPE, Opds2Feeds.TYPE + CHARSET)
                .send(new Opds2Feeds(RequestUrls.base(req)).write(feed).toString());
    }

    private static Shelf shelf(ServerRequest req) {
        String slug = PathParams.text(req, "shelf");
        return Shelf.fromSlug(slug).orElseThrow(() -> new ServiceException.NotFound("No shelf " + slug));
    }

    /** The {@code query} of a search: required, and no longer than the library's own search takes. */
    private static String query(ServerRequest req) {
        String query = QueryParams.optional(req.query(), "query")
                .orElseThrow(() -> ServiceException.Invalid.field("query", "Search needs a query"));
        if (query.length() > LibraryBrowser.MAX_SEARCH_LENGTH) {
            throw ServiceException.Invalid.field("query", "A query has at most " + LibraryBrowser.MAX_SEARCH_LENGTH
                                                         + " characters");
        }
        return query;
    }

    /** The {@code page} asked for, from 1; 1 when not given. */
    private static int page(ServerRequest req) {
        String value = QueryParams.optional(req.query(), "page").orElse("1");
        try {
            int page = Integer.parseInt(value);
            if (page >= 1 && page <= MAX_PAGE) {
                return page;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ServiceException.Invalid.field("page", "page is a whole number from 1 to " + MAX_PAGE + ", was " + value);
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpdsHttpService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
