package dev.jamra.server.opds;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jamra.server.cbz.CbzHttpService;
import dev.jamra.server.downloads.DownloadService;
import dev.jamra.server.downloads.DownloadStatus;
import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.library.DefaultCovers;
import dev.jamra.server.library.LibraryBrowser;
import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.ImageTypes;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.updates.FeedEntry;
import dev.jamra.server.updates.FeedPage;
import dev.jamra.server.updates.LibraryUpdates;
import dev.jamra.server.web.RequestUrls;

/**
 * Builds the catalog's feeds from the library: the root's shelves, a shelf's titles, a search's titles, a title's
 * chapters, and the new chapters library checks found. A chapter's page count comes from its download, else from its source's chapter list, else by
 * listing its pages (only for the chapters of the page of the feed asked for). When the source cannot list the
 * chapters of a title, its downloaded chapters are listed, since they read without it.
 */
final class OpdsCatalog {
    private static final System.Logger LOG = System.getLogger(OpdsCatalog.class.getName());
    static final int TITLES_PER_PAGE = 50;
    static final int CHAPTERS_PER_PAGE = 50;
    /** The page types OPDS-PSE lets a stream declare; a stream of other or mixed types declares JPEG. */
    private static final Set<String> STREAM_TYPES = Set.of("image/jpeg", "image/png", "image/gif");
    private static final String STREAM_DEFAULT_TYPE = "image/jpeg";

    private final LibraryBrowser browser;
    private final LibraryService library;
    private final SourceRegistry sources;
    private final DownloadService downloads;
    private final LibraryUpdates updates;
    private final DefaultCovers covers;
    private final Clock clock;

    OpdsCatalog(LibraryBrowser browser, LibraryService library, SourceRegistry sources, DownloadService downloads,
                LibraryUpdates updates, DefaultCovers covers, Clock clock) {
        this.browser = Objects.requireNonNull(browser, "browser");
        this.library = Objects.requireNonNull(library, "library");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.downloads = Objects.requireNonNull(downloads, "downloads");
        this.updates = Objects.requireNonNull(updates, "updates");
        this.covers = Objects.requireNonNull(covers, "covers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The root: one link per shelf, then the new chapters. */
    CatalogFeed.Navigation root() {
        Instant now = clock.instant();
        List<CatalogFeed.FeedLink> links = new ArrayList<>();
        for (Shelf shelf : Shelf.values()) {
            links.add(new CatalogFeed.FeedLink(CatalogFeed.idOf("shelf", shelf.slug()), shelf.title(),
                    shelf.description(), shelfPath(shelf), CatalogFeed.Kind.NAVIGATION, now, Optional.empty()));
        }
        links.add(new CatalogFeed.FeedLink(CatalogFeed.idOf("feed", NEW_CHAPTERS_PATH), "New chapters",
                "Chapters the library's checks found, the latest first", NEW_CHAPTERS_PATH,
                CatalogFeed.Kind.ACQUISITION, now, Optional.empty()));
        return new CatalogFeed.Navigation(CatalogFeed.idOf("catalog", "root"), "JAMRA", "", Optional.empty(), now,
                links);
    }

    static final String NEW_CHAPTERS_PATH = "new-chapters";

    /**
     * Page {@code page} of the chapters library checks found, the latest first. No source is asked: a page may
     * span as many titles as it has chapters, so a chapter's pages stream here once it is downloaded, and until then
     * it is read through its archive or its title's feed.
     */
    CatalogFeed.Acquisition newChapters(int page) {
        CatalogFeed.Paging asked = new CatalogFeed.Paging(page, CHAPTERS_PER_PAGE, 0);
        FeedPage found = updates.feed(CHAPTERS_PER_PAGE, asked.offset());
        Map<String, Optional<LibraryItem>> items = new HashMap<>();
        Map<String, Map<String, LibraryBrowser.ChapterReading>> readings = new HashMap<>();
        List<CatalogFeed.ChapterEntry> entries = new ArrayList<>(found.items().size());
        for (FeedEntry chapter : found.items()) {
            Optional<LibraryItem> item = items.computeIfAbsent(chapter.libraryId(), library::find);
            item.ifPresent(known -> entries.add(newChapterEntry(known, chapter,
                    readings.computeIfAbsent(known.id(), browser::readings))));
        }
        Instant updated = found.items().stream().map(FeedEntry::foundAt).findFirst().orElse(clock.instant());
        return new CatalogFeed.Acquisition(CatalogFeed.idOf("feed", NEW_CHAPTERS_PATH), "New chapters",
                NEW_CHAPTERS_PATH, Optional.of(new CatalogFeed.Paging(page, CHAPTERS_PER_PAGE, found.total())),
                updated, entries);
    }

    private CatalogFeed.ChapterEntry newChapterEntry(LibraryItem item, FeedEntry found,
                                                     Map<String, LibraryBrowser.ChapterReading> readings) {
        Chapter chapter = new Chapter(found.chapterId(), found.chapterNumber(), found.chapterTitle().orElse(null));
        Optional<DownloadService.DownloadedChapter> downloaded = downloads.downloadedChapter(item.id(),
                chapter.id());
        Optional<CatalogFeed.PageStream> stream = downloaded.filter(files -> !files.pageFiles().isEmpty())
                .map(files -> new CatalogFeed.PageStream(streamPath(item.id(), chapter.id()),
                        files.pageFiles().size(), streamType(files.pageFiles()),
                        Optional.ofNullable(readings.get(chapter.id()))));
        String content = (found.isNew() ? "New" : "Opened since")
                         + (downloaded.isPresent() ? ", downloaded" : "");
        return new CatalogFeed.ChapterEntry(CatalogFeed.idOf("chapter", item.id() + "/" + chapter.id()),
                item.title() + ": " + name(chapter), found.foundAt(), content, List.of(), Optional.empty(),
                CbzHttpService.path(item.id(), chapter.id()), stream, cover(item),
                titlePath(item.id()) + "/chapters/" + RequestUrls.segment(chapter.id()));
    }

    static String shelfPath(Shelf shelf) {
        return "shelves/" + shelf.slug();
    }

    /** Page {@code page} (from 1) of a shelf's titles. */
    CatalogFeed.Navigation shelf(Shelf shelf, int page) {
        CatalogFeed.Paging paging = new CatalogFeed.Paging(page, TITLES_PER_PAGE, 0);
        LibraryBrowser.Window window = shelf.titles(browser, paging.offset(), TITLES_PER_PAGE);
        return titles(CatalogFeed.idOf("shelf", shelf.slug()), shelf.title(), shelfPath(shelf), page, window);
    }

    /** Page {@code page} of the titles whose name holds {@code query}. */
    CatalogFeed.Navigation search(String query, int page) {
        CatalogFeed.Paging paging = new CatalogFeed.Paging(page, TITLES_PER_PAGE, 0);
        LibraryBrowser.Window window = browser.byTitle(Optional.empty(), Optional.empty(), Optional.of(query),
                paging.offset(), TITLES_PER_PAGE);
        return titles(CatalogFeed.idOf("search", query), "Search: " + query,
                "search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), page, window);
    }

    private CatalogFeed.Navigation titles(String id, String title, String path, int page,
                                          LibraryBrowser.Window window) {
        List<CatalogFeed.FeedLink> entries = window.items().stream().map(this::titleLink).toList();
        return new CatalogFeed.Navigation(id, title, path,
                Optional.of(new CatalogFeed.Paging(page, TITLES_PER_PAGE, window.total())), clock.instant(), entries);
    }

    private CatalogFeed.FeedLink titleLink(LibraryItem item) {
        String content = item.status().wireName().replace('_', ' ') + (item.favorite() ? ", favorite" : "");
        return new CatalogFeed.FeedLink(CatalogFeed.idOf("title", item.id()), item.title(), content,
                titlePath(item.id()), CatalogFeed.Kind.ACQUISITION, item.lastUpdated(), cover(item));
    }

    static String titlePath(String libraryId) {
        return "titles/" + RequestUrls.segment(libraryId);
    }

    /** Page {@code page} of a title's chapters, in reading order. */
    CatalogFeed.Acquisition title(String libraryId, int page) {
        Title title = title(libraryId);
        CatalogFeed.Paging paging = new CatalogFeed.Paging(page, CHAPTERS_PER_PAGE, title.chapters().size());
        int from = Math.min(paging.offset(), title.chapters().size());
        int to = Math.min(from + CHAPTERS_PER_PAGE, title.chapters().size());
        Map<String, LibraryBrowser.ChapterReading> readings = browser.readings(libraryId);
        List<CatalogFeed.ChapterEntry> entries = new ArrayList<>(to - from);
        for (Chapter chapter : title.chapters().subList(from, to)) {
            entries.add(entry(title, chapter, readings));
        }
        return new CatalogFeed.Acquisition(CatalogFeed.idOf("title", libraryId), title.item().title(),
                titlePath(libraryId), Optional.of(paging), title.item().lastUpdated(), entries);
    }

    /** One chapter of a title, as a publication of its own. */
    CatalogFeed.ChapterEntry chapter(String libraryId, String chapterId) {
        Title title = title(libraryId);
        Chapter chapter = title.chapters().stream().filter(found -> found.id().equals(chapterId)).findFirst()
                .orElseThrow(() -> new ServiceException.NotFound("No chapter " + chapterId + " in library item "
                                                                  + libraryId));
        return entry(title, chapter, browser.readings(libraryId));
    }

    /** A library item with its manga's details (when its source gives them) and its chapters. */
    private record Title(LibraryItem item, Optional<Manga> manga, List<Chapter> chapters) {
    }

    private Title title(String libraryId) {
        LibraryItem item = library.find(libraryId)
                .orElseThrow(() -> new ServiceException.NotFound("No library item with id " + libraryId));
        try {
            Manga manga = sources.call(item.extensionId(), source -> source.manga(item.mangaId()));
            return new Title(item, Optional.of(manga), manga.chapters());
        } catch (ServiceException.SourceFailure | ServiceException.NotFound e) {
            // the source is down or lost the manga: the downloaded chapters still read
            List<Chapter> downloaded = downloads.list(DownloadStatus.COMPLETED, libraryId, null).stream()
                    .map(download -> new Chapter(download.chapterId(),
                            Optional.ofNullable(download.chapterNumber()).orElse(download.chapterId()), null))
                    .sorted(Comparator.comparing((Chapter chapter) -> chapter.numeric().orElse(null),
                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Chapter::id))
                    .toList();
            if (downloaded.isEmpty()) {
                throw e;
            }
            LOG.log(Level.DEBUG, () -> "Listing the downloaded chapters of " + libraryId + ": " + e.getMessage());
            return new Title(item, Optional.empty(), downloaded);
        }
    }

    private CatalogFeed.ChapterEntry entry(Title title, Chapter chapter,
                                           Map<String, LibraryBrowser.ChapterReading> readings) {
        String libraryId = title.item().id();
        Optional<DownloadService.DownloadedChapter> downloaded = downloads.downloadedChapter(libraryId, chapter.id());
        Optional<Integer> count = downloaded.map(found -> found.pageFiles().size())
                .or(() -> Optional.ofNullable(chapter.pages()))
                .or(() -> listedPages(title.item(), chapter.id()));
        Optional<CatalogFeed.PageStream> stream = count.filter(pages -> pages > 0)
                .map(pages -> new CatalogFeed.PageStream(streamPath(libraryId, chapter.id()), pages,
                        downloaded.map(found -> streamType(found.pageFiles())).orElse(STREAM_DEFAULT_TYPE),
                        Optional.ofNullable(readings.get(chapter.id()))));
        String name = name(chapter);
        StringBuilder content = new StringBuilder(count.map(pages -> pages + (pages == 1 ? " page" : " pages"))
                .orElse("Pages not known yet"));
        if (chapter.scanlator() != null) {
            content.append(", translated by ").append(chapter.scanlator());
        }
        if (downloaded.isPresent()) {
            content.append(", downloaded");
        }
        return new CatalogFeed.ChapterEntry(CatalogFeed.idOf("chapter", libraryId + "/" + chapter.id()), name,
                Optional.ofNullable(chapter.updatedAt()).orElse(title.item().lastUpdated()), content.toString(),
                title.manga().map(Manga::authors).orElse(List.of()),
                Optional.ofNullable(chapter.language()).or(() -> title.manga().map(Manga::language)),
                CbzHttpService.path(libraryId, chapter.id()), stream, cover(title.item()),
                titlePath(libraryId) + "/chapters/" + RequestUrls.segment(chapter.id()));
    }

    /** "Chapter 12: The Title", or "Chapter 12" when it has no title besides that. */
    static String name(Chapter chapter) {
        String name = "Chapter " + chapter.number();
        String title = chapter.title() == null ? "" : chapter.title().strip();
        return title.isEmpty() || title.equalsIgnoreCase(name) ? name : name + ": " + title;
    }

    /** The page count of a chapter its source lists without counts; empty when the source cannot say now. */
    private Optional<Integer> listedPages(LibraryItem item, String chapterId) {
        try {
            return Optional.of(sources.call(item.extensionId(), source -> source.pages(item.mangaId(), chapterId))
                    .size());
        } catch (ServiceException e) {
            LOG.log(Level.DEBUG, () -> "No page count of chapter " + chapterId + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The OPDS-PSE path of a chapter's pages; {@code {pageNumber}} counts from 0. */
    static String streamPath(String libraryId, String chapterId) {
        return "/opds/stream/" + RequestUrls.segment(libraryId) + "/" + RequestUrls.segment(chapterId)
               + "/{pageNumber}";
    }

    /** The one type all files have, when OPDS-PSE allows it; JPEG otherwise (see the package's documentation). */
    static String streamType(List<Path> files) {
        Set<String> types = files.stream()
                .map(file -> ImageTypes.contentTypeOf(file.getFileName().toString()).orElse(""))
                .collect(Collectors.toSet());
        return types.size() == 1 && STREAM_TYPES.contains(types.iterator().next())
                ? types.iterator().next()
                : STREAM_DEFAULT_TYPE;
    }

    /**
     * The item's cover as the reader shows it: the stored one (the source's URL), else the one its source serves
     * itself (a local manga's, by its path on this server).
     */
    private Optional<CatalogFeed.Cover> cover(LibraryItem item) {
        return storedCover(item).or(() -> covers.coverUrl(item.extensionId(), item.mangaId(), "")
                .map(path -> new CatalogFeed.Cover(path, Optional.empty())));
    }

    /** The item's stored cover (the source's URL), with its type when the name tells it. */
    static Optional<CatalogFeed.Cover> storedCover(LibraryItem item) {
        return item.coverUrl().filter(url -> !url.isBlank()).map(url -> new CatalogFeed.Cover(url,
                ImageTypes.contentTypeOf(pathOf(url))));
    }

    /** The path of a URL, without its query or fragment, for its extension. */
    private static String pathOf(String url) {
        int end = url.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = url.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return url.substring(0, end);
    }
}
