package dev.jamra.server.sources;

import java.util.List;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.web.RequestUrls;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * {@code /api/extensions}: the installed sources, and searching and browsing each of them. Pages that a source
 * serves itself (the local library's) are listed with a URL of this service that sends their bytes. The original
 * server's install routes answer how to add a plug-in instead ({@link PluginInstalls}).
 */
public final class SourcesHttpService implements HttpService {
    private static final int MAX_SEARCH_PAGE = 10_000;
    private static final int MAX_QUERY_LENGTH = 200;

    private final SourceRegistry sources;
    private final PageSender pageSender;

    public SourcesHttpService(SourceRegistry sources, PageSender pageSender) {
        this.sources = sources;
        this.pageSender = pageSender;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/install", this::install)
                .get("/install/{jobId}", this::installJob)
                .get("/{id}", this::extension)
                .get("/{id}/search", this::search)
                .get("/{id}/manga/{mangaId}", this::manga)
                .get("/{id}/manga/{mangaId}/cover", this::cover)
                .get("/{id}/manga/{mangaId}/chapters", this::chapters)
                .get("/{id}/manga/{mangaId}/chapters/{chapterId}/pages", this::pages)
                .get("/{id}/manga/{mangaId}/chapters/{chapterId}/pages/{index}", this::pageImage);
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder extensions = JSON.createArrayBuilder();
        sources.all().forEach(source -> extensions.add(PluginCatalog.extension(source)));
        res.send(JSON.createObjectBuilder().add("extensions", extensions).build());
    }

    private void extension(ServerRequest req, ServerResponse res) {
        MangaSource source = sources.find(param(req, "id"))
                .orElseThrow(() -> new ServiceException.NotFound("Unknown source: " + param(req, "id")));
        res.send(JSON.createObjectBuilder().add("extension", PluginCatalog.extension(source)).build());
    }

    private void install(ServerRequest req, ServerResponse res) {
        throw PluginInstalls.refused();
    }

    private void installJob(ServerRequest req, ServerResponse res) {
        throw PluginInstalls.noJob();
    }

    private void search(ServerRequest req, ServerResponse res) {
        String query = req.query().first("query").orElse("");
        if (query.length() > MAX_QUERY_LENGTH) {
            throw ServiceException.Invalid.field("query", "A search is at most " + MAX_QUERY_LENGTH + " characters");
        }
        int page = searchPage(req.query().first("page").orElse("1"));
        String sourceId = param(req, "id");
        SearchPage found = sources.call(sourceId, source -> source.search(query, page));
        JsonArrayBuilder results = JSON.createArrayBuilder();
        for (SearchResult result : found.results()) {
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("id", result.id())
                    .add("title", result.title());
            addIfPresent(json, "coverUrl", coverUrl(req, sourceId, result.id(), result.coverUrl()));
            addIfPresent(json, "status", result.status());
            // the renderer reads "lang"; the original's extensions answered "language"
            addIfPresent(json, "lang", result.lang());
            addIfPresent(json, "language", result.lang());
            addIfPresent(json, "description", result.description());
            results.add(json);
        }
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("results", results).add("hasMore", found.hasMore());
        if (found.total() != null) {
            answer.add("totalResults", found.total());
        }
        res.send(answer.build());
    }

    private void manga(ServerRequest req, ServerResponse res) {
        String sourceId = param(req, "id");
        Manga manga = sources.call(sourceId, source -> source.manga(param(req, "mangaId")));
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", manga.id())
                .add("title", manga.title());
        addIfPresent(json, "description", manga.description());
        addIfPresent(json, "coverUrl", coverUrl(req, sourceId, manga.id(), manga.coverUrl()));
        addIfPresent(json, "language", manga.language());
        addIfPresent(json, "status", manga.status());
        addIfAny(json, "alternateTitles", manga.alternateTitles());
        addIfAny(json, "authors", manga.authors());
        addIfAny(json, "artists", manga.artists());
        addIfAny(json, "tags", manga.tags());
        addIfPresent(json, "readingDirection", manga.readingDirection());
        addIfAny(json, "warnings", manga.warnings());
        // the original answered { manga, chapters }; the reader's type also reads manga.chapters
        JsonArray chapters = chaptersJson(manga.chapters()).build();
        json.add("chapters", chapters);
        res.send(JSON.createObjectBuilder().add("manga", json).add("chapters", chapters).build());
    }

    /** A cover the source serves itself, cacheable (see {@link CoverSender}); 404 when it serves none. */
    private void cover(ServerRequest req, ServerResponse res) {
        String sourceId = param(req, "id");
        String mangaId = param(req, "mangaId");
        CoverImage cover = sources.call(sourceId, source -> source.cover(mangaId))
                .orElseThrow(() -> new ServiceException.NotFound("The source '" + sourceId + "' serves no cover of "
                                                                 + mangaId));
        CoverSender.send(req, res, sourceId, cover);
    }

    private void chapters(ServerRequest req, ServerResponse res) {
        Manga manga = sources.call(param(req, "id"), source -> source.manga(param(req, "mangaId")));
        res.send(JSON.createObjectBuilder()
                .add("chapters", chaptersJson(manga.chapters()))
                .add("metrics", JSON.createObjectBuilder().add("totalChapters", manga.chapters().size()))
                .build());
    }

    private void pages(ServerRequest req, ServerResponse res) {
        String sourceId = param(req, "id");
        String mangaId = param(req, "mangaId");
        String chapterId = param(req, "chapterId");
        List<Page> pages = sources.call(sourceId, source -> source.describedPages(mangaId, chapterId));
        String served = mangaUrl(RequestUrls.base(req), sourceId, mangaId) + "/chapters/"
                        + RequestUrls.segment(chapterId) + "/pages/";
        JsonArrayBuilder json = JSON.createArrayBuilder();
        for (Page page : pages) {
            JsonObjectBuilder item = JSON.createObjectBuilder()
                    .add("index", page.index())
                    .add("imageUrl", page.remote() ? page.imageUrl() : served + page.index());
            if (page.width() != null) {
                item.add("width", page.width()).add("height", page.height());
            }
            json.add(item);
        }
        res.send(JSON.createObjectBuilder().add("pages", json).build());
    }

    /** The bytes of a page the source serves itself; {@code index} from 0 as in the page list. */
    private void pageImage(ServerRequest req, ServerResponse res) {
        String sourceId = param(req, "id");
        String mangaId = param(req, "mangaId");
        String chapterId = param(req, "chapterId");
        int index = pageIndex(param(req, "index"));
        List<Page> pages = sources.call(sourceId, source -> source.pages(mangaId, chapterId));
        if (index >= pages.size() || pages.get(index).remote()) {
            throw new ServiceException.NotFound("Chapter " + chapterId + " has no page " + index + " served here");
        }
        MangaSource source = sources.find(sourceId).orElseThrow();
        pageSender.sendFromSource(res, source, mangaId, chapterId, pages.get(index));
    }

    /** The URL of a manga of a source on this server, as the client reached it at {@code base}. */
    static String mangaUrl(String base, String sourceId, String mangaId) {
        return base + "/api/extensions/" + RequestUrls.segment(sourceId) + "/manga/" + RequestUrls.segment(mangaId);
    }

    private static String coverUrl(ServerRequest req, String sourceId, String mangaId, String coverUrl) {
        return coverUrl == null ? null : SourceCovers.forClient(coverUrl, RequestUrls.base(req), sourceId, mangaId);
    }

    private static JsonArrayBuilder chaptersJson(List<Chapter> chapters) {
        JsonArrayBuilder json = JSON.createArrayBuilder();
        for (Chapter chapter : chapters) {
            JsonObjectBuilder item = JSON.createObjectBuilder().add("id", chapter.id());
            // a number when the source's text is one, as the original's chapters had; else the text itself
            chapter.numeric().ifPresentOrElse(number -> item.add("chapterNumber", number),
                    () -> item.add("chapterNumber", chapter.number()));
            addIfPresent(item, "title", chapter.title());
            addIfPresent(item, "language", chapter.language());
            // the renderer's ExtensionChapter reads the language under the original extension SDK's name
            addIfPresent(item, "translatedLanguage", chapter.language());
            // like the number: a number where the source's text is one (the original's extensions gave numbers)
            chapter.numericVolume().ifPresentOrElse(volume -> item.add("volume", volume),
                    () -> addIfPresent(item, "volume", chapter.volume()));
            addIfPresent(item, "scanlator", chapter.scanlator());
            if (chapter.updatedAt() != null) {
                item.add("updatedAt", IsoTime.format(chapter.updatedAt()));
            }
            if (chapter.pages() != null) {
                item.add("pages", chapter.pages());
            }
            json.add(item);
        }
        return json;
    }

    private static int searchPage(String value) {
        try {
            int page = Integer.parseInt(value);
            if (page >= 1 && page <= MAX_SEARCH_PAGE) {
                return page;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ServiceException.Invalid.field("page", "page is a number from 1 to " + MAX_SEARCH_PAGE);
    }

    private static int pageIndex(String value) {
        try {
            int index = Integer.parseInt(value);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ServiceException.NotFound("No page " + value);
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void addIfAny(JsonObjectBuilder json, String name, List<String> values) {
        if (!values.isEmpty()) {
            json.add(name, JSON.createArrayBuilder(values));
        }
    }
}
