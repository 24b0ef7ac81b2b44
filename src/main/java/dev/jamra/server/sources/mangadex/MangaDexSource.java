package dev.jamra.server.sources.mangadex;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.SearchPage;
import dev.jamra.server.sources.SearchResult;
import dev.jamra.server.sources.SourceInfo;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.sources.mangadex.MangaDexApi.Route;
import dev.jamra.server.sources.mangadex.MangaDexJson.AtHome;
import dev.jamra.server.sources.mangadex.MangaDexJson.FeedChapter;

import jakarta.json.JsonObject;

/**
 * MangaDex (mangadex.org) through its public API: search ({@code /manga}, popular titles for an empty query),
 * details ({@code /manga/<id>}) with every chapter of the feed in the configured languages (with their groups'
 * names, asked in the same requests), and pages from the MangaDex@Home server {@code /at-home/server/<chapter>}
 * names. Chapters hosted on other sites, or without pages, are listed but refused for reading with a message that
 * says why. A page address expires after some minutes; a refused one gets a new server once
 * ({@link #refreshPage}).
 */
final class MangaDexSource implements MangaSource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MangaDexSource.class.getName());
    static final String ID = "mangadex";
    static final String VERSION = "1.0.0";
    static final int SEARCH_PAGE_SIZE = 20;
    static final int FEED_PAGE_SIZE = 500;
    /** The API refuses lists past this many entries (offset + limit). */
    static final int MAX_LISTED = 10_000;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** MangaDex guarantees an at-home base URL for 15 minutes; a refused one is replaced anyway. */
    /** Where MangaDex's site shows a chapter; a chapter's id follows. */
    static final String CHAPTER_PAGES = "https://mangadex.org/chapter/";
    private static final Duration AT_HOME_LIFETIME = Duration.ofMinutes(10);
    private static final Duration MANGA_LIFETIME = Duration.ofMinutes(1);
    private static final int CACHED = 256;

    private final MangaDexSettings settings;
    private final MangaDexApi api;
    private final TimedCache<AtHome> atHome;
    private final TimedCache<Manga> mangas;
    private final SourceInfo info;

    MangaDexSource(MangaDexSettings settings, MangaDexApi api, Clock clock) {
        this.settings = settings;
        List<String> languages = settings.languages();
        this.info = new SourceInfo(ID, "MangaDex", VERSION,
                "Manga of mangadex.org, through its public API, in " + String.join(", ", languages),
                languages.size() == 1 ? languages.getFirst() : "multi");
        this.api = api;
        this.atHome = new TimedCache<>(AT_HOME_LIFETIME, CACHED, clock);
        this.mangas = new TimedCache<>(MANGA_LIFETIME, CACHED, clock);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public SearchPage search(String query, int page) {
        int offset = (page - 1) * SEARCH_PAGE_SIZE;
        if (offset + SEARCH_PAGE_SIZE > MAX_LISTED) {
            return new SearchPage(List.of(), false);
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("limit", String.valueOf(SEARCH_PAGE_SIZE)));
        params.add(Map.entry("offset", String.valueOf(offset)));
        params.add(Map.entry("includes[]", "cover_art"));
        settings.contentRatings().forEach(rating -> params.add(Map.entry("contentRating[]", rating)));
        settings.languages().forEach(language -> params.add(Map.entry("availableTranslatedLanguage[]", language)));
        String title = query.strip();
        if (title.isEmpty()) {
            params.add(Map.entry("order[followedCount]", "desc"));
        } else {
            params.add(Map.entry("title", title));
            params.add(Map.entry("order[relevance]", "desc"));
        }
        JsonObject answer = api.get(Route.GENERAL, "/manga", params, "MangaDex has no search");
        List<SearchResult> results = new ArrayList<>();
        for (JsonObject manga : MangaDexJson.data(answer)) {
            if (MangaDexJson.string(manga, "id") != null) {
                results.add(MangaDexJson.searchResult(manga, settings.languages(), settings.uploadsUrl()));
            }
        }
        int total = MangaDexJson.number(answer, "total", -1);
        boolean hasMore = offset + results.size() < total && offset + 2 * SEARCH_PAGE_SIZE <= MAX_LISTED;
        return new SearchPage(results, hasMore, total < offset + results.size() ? null : total);
    }

    @Override
    public Manga manga(String mangaId) {
        requireUuid(mangaId, "manga");
        Optional<Manga> cached = mangas.get(mangaId);
        if (cached.isPresent()) {
            return cached.get();
        }
        JsonObject manga = MangaDexJson.entity(api.get(Route.GENERAL, "/manga/" + mangaId,
                List.of(Map.entry("includes[]", "cover_art"), Map.entry("includes[]", "author"),
                        Map.entry("includes[]", "artist")),
                "MangaDex has no manga " + mangaId));
        JsonObject attributes = MangaDexJson.attributes(manga);
        List<String> languages = settings.languages();
        String description = MangaDexJson.localized(
                attributes.get("description") instanceof JsonObject map ? map : null, languages);
        String title = MangaDexJson.title(attributes, languages);
        List<Chapter> chapters = feed(mangaId).stream().map(FeedChapter::chapter).toList();
        Manga found = new Manga(mangaId, title, description,
                MangaDexJson.coverUrl(manga, settings.uploadsUrl()).orElse(null),
                MangaDexJson.readableIn(attributes, languages), chapters,
                MangaDexJson.string(attributes, "status"), MangaDexJson.people(manga, "author"),
                MangaDexJson.people(manga, "artist"), MangaDexJson.tags(attributes, languages),
                MangaDexJson.alternateTitles(attributes, title));
        mangas.put(mangaId, found);
        return found;
    }

    /**
     * The feed asked afresh: one request per 500 chapters, without the details request of {@link #manga}. The
     * manga's kept details are forgotten, so the details screen shows the chapters a check has just seen.
     */
    @Override
    public List<Chapter> latestChapters(String mangaId) {
        requireUuid(mangaId, "manga");
        List<Chapter> chapters = feed(mangaId).stream().map(FeedChapter::chapter).toList();
        mangas.remove(mangaId);
        return chapters;
    }

    /** One slot of {@code requests-per-second}, the limit every request of this source shares. */
    @Override
    public Duration requestInterval() {
        return Duration.ofNanos(1_000_000_000L / settings.requestsPerSecond());
    }

    /** Every chapter of the feed in the configured languages, page after page until the total, by number. */
    List<FeedChapter> feed(String mangaId) {
        List<FeedChapter> chapters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int offset = 0; ; offset += FEED_PAGE_SIZE) {
            List<Map.Entry<String, String>> params = new ArrayList<>();
            params.add(Map.entry("limit", String.valueOf(FEED_PAGE_SIZE)));
            params.add(Map.entry("offset", String.valueOf(offset)));
            settings.languages().forEach(language -> params.add(Map.entry("translatedLanguage[]", language)));
            settings.contentRatings().forEach(rating -> params.add(Map.entry("contentRating[]", rating)));
            params.add(Map.entry("includeExternalUrl", "1"));
            params.add(Map.entry("includeEmptyPages", "1"));
            // chapters scheduled for later have no pages yet
            params.add(Map.entry("includeFuturePublishAt", "0"));
            params.add(Map.entry("order[volume]", "asc"));
            params.add(Map.entry("order[chapter]", "asc"));
            // the groups' names come with the chapters, in the same request
            params.add(Map.entry("includes[]", "scanlation_group"));
            JsonObject answer = api.get(Route.GENERAL, "/manga/" + mangaId + "/feed", params,
                    "MangaDex has no manga " + mangaId);
            List<JsonObject> page = MangaDexJson.data(answer);
            for (JsonObject entry : page) {
                FeedChapter chapter = MangaDexJson.feedChapter(entry);
                // the API filters by language already; what it sends anyway is still not listed
                if (settings.languages().contains(chapter.language()) && seen.add(chapter.chapter().id())) {
                    chapters.add(chapter);
                }
            }
            int total = MangaDexJson.number(answer, "total", 0);
            int next = offset + FEED_PAGE_SIZE;
            if (page.isEmpty() || next >= total) {
                break;
            }
            if (next + FEED_PAGE_SIZE > MAX_LISTED) {
                LOG.log(Level.WARNING, "MangaDex lists only the first " + MAX_LISTED + " of " + total
                                       + " chapters of " + mangaId);
                break;
            }
        }
        chapters.sort(MangaDexJson.BY_NUMBER);
        return chapters;
    }

    @Override
    public List<Page> pages(String mangaId, String chapterId) {
        requireUuid(mangaId, "manga");
        requireUuid(chapterId, "chapter");
        Optional<AtHome> cached = atHome.get(chapterId);
        if (cached.isPresent()) {
            return pagesOf(cached.get());
        }
        JsonObject chapter = MangaDexJson.entity(api.get(Route.GENERAL, "/chapter/" + chapterId, List.of(),
                "MangaDex has no chapter " + chapterId));
        if (!MangaDexJson.mangaOf(chapter).map(mangaId::equalsIgnoreCase).orElse(true)) {
            throw new SourceNotFoundException("Chapter " + chapterId + " is not a chapter of manga " + mangaId);
        }
        String unreadable = MangaDexJson.feedChapter(chapter).unreadable();
        if (unreadable != null) {
            throw new ChapterUnavailableException(unreadable);
        }
        return pagesOf(fetchAtHome(chapterId));
    }

    /**
     * A new address for a page the image server refused: the chapter's newest at-home server when it is another
     * than the refused page's, else a new one asked of the API.
     */
    @Override
    public Optional<Page> refreshPage(String mangaId, String chapterId, Page page) {
        requireUuid(chapterId, "chapter");
        AtHome server = atHome.get(chapterId)
                .filter(known -> !page.imageUrl().startsWith(known.baseUrl() + "/"))
                .orElseGet(() -> fetchAtHome(chapterId));
        List<Page> pages = pagesOf(server);
        return page.index() < pages.size() ? Optional.of(pages.get(page.index())) : Optional.empty();
    }

    /** The chapter's page on MangaDex's site, for a chapter id MangaDex could have. */
    @Override
    public Optional<String> chapterWebUrl(String mangaId, String chapterId) {
        return UUID.matcher(chapterId).matches()
                ? Optional.of(CHAPTER_PAGES + chapterId)
                : Optional.empty();
    }

    private AtHome fetchAtHome(String chapterId) {
        AtHome server = MangaDexJson.atHome(api.get(Route.AT_HOME, "/at-home/server/" + chapterId, List.of(),
                "MangaDex has no chapter " + chapterId), settings.dataSaver());
        if (server.files().isEmpty()) {
            throw new ChapterUnavailableException("Chapter " + chapterId + " has no pages on MangaDex");
        }
        atHome.put(chapterId, server);
        return server;
    }

    private List<Page> pagesOf(AtHome server) {
        List<String> urls = server.urls(settings.dataSaver());
        List<Page> pages = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            pages.add(new Page(i, urls.get(i)));
        }
        return pages;
    }

    private static void requireUuid(String id, String what) {
        if (!UUID.matcher(id).matches()) {
            throw new SourceNotFoundException("MangaDex has no " + what + " " + id);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
