package dev.jamra.server.sources.local;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.CoverImage;
import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.PageContent;
import dev.jamra.server.sources.SearchPage;
import dev.jamra.server.sources.SearchResult;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceInfo;
import dev.jamra.server.sources.SourceNotFoundException;

/**
 * Manga in a folder on disk: each sub-folder a manga, each of its sub-folders or {@code .cbz} files a chapter, each
 * image a page; everything in natural order. Ids are the names, made URL-safe by {@link LocalIds}. Titles, authors,
 * descriptions, covers and chapter details come from the files readers already put there ({@link LocalMetadata});
 * the folder's name is the title when none does. Pages and covers are served by this source itself
 * ({@code local:<manga>/<chapter>/<index>}, {@code local:<manga>/cover}).
 */
final class LocalSource implements MangaSource {
    private static final System.Logger LOG = System.getLogger(LocalSource.class.getName());
    static final String ID = "local";
    static final int SEARCH_PAGE_SIZE = 50;
    private static final SourceInfo INFO = new SourceInfo(ID, "Local library", "1.0.0",
            "Manga in a folder on this machine: one sub-folder per manga, one sub-folder or .cbz per chapter", "multi");
    private static final Pattern CHAPTER_NUMBER = Pattern.compile("(?i)ch(?:apter)?[ ._-]*(\\d+(?:\\.\\d+)?)");
    private static final Pattern ANY_NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    private final LocalFolder folder;
    private final LocalMetadata metadata;

    LocalSource(Path root) {
        this(root, new LocalMetadata());
    }

    LocalSource(Path root, LocalMetadata metadata) {
        this.folder = new LocalFolder(root);
        this.metadata = metadata;
    }

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /**
     * The manga whose folder name or title holds {@code query} (in any case), in the natural order of their folder
     * names. An empty query reads the metadata of the page's manga only.
     */
    @Override
    public SearchPage search(String query, int page) {
        if (page < 1) {
            throw new IllegalArgumentException("Search pages start at 1");
        }
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<MangaDir> found = folder.realRoot()
                .map(root -> folder.entries(root, root).stream()
                        .filter(entry -> Files.isDirectory(entry.real()))
                        .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()))
                        .map(entry -> new MangaDir(folder, root, entry.real(), entry.name()))
                        .filter(manga -> needle.isEmpty() || matches(manga, needle))
                        .toList())
                .orElse(List.of());
        int from = (int) Math.min((long) (page - 1) * SEARCH_PAGE_SIZE, found.size());
        int to = Math.min(from + SEARCH_PAGE_SIZE, found.size());
        List<SearchResult> results = found.subList(from, to).stream().map(this::result).toList();
        return new SearchPage(results, to < found.size(), found.size());
    }

    private boolean matches(MangaDir manga, String needle) {
        if (manga.name().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        String title = metadata.manga(manga).title();
        return title != null && title.toLowerCase(Locale.ROOT).contains(needle);
    }

    private SearchResult result(MangaDir manga) {
        MangaMetadata about = metadata.manga(manga);
        String id = LocalIds.encode(manga.name());
        return new SearchResult(id, titleOf(manga, about), about.cover() == null ? null : coverLocator(id),
                about.status(), about.language(), about.description());
    }

    @Override
    public Manga manga(String mangaId) {
        MangaDir manga = locateManga(mangaId);
        MangaMetadata about = metadata.manga(manga);
        List<LocalFolder.Entry> entries = manga.chapters();
        List<Chapter> chapters = new ArrayList<>(entries.size());
        Set<String> warnings = new LinkedHashSet<>(about.warnings());
        for (int i = 0; i < entries.size(); i++) {
            LocalFolder.Entry entry = entries.get(i);
            ChapterMetadata chapter = metadata.chapter(manga, entry);
            warnings.addAll(chapter.warnings());
            String fileTitle = LocalChapter.title(entry.name());
            String number = chapter.number() != null ? chapter.number() : numberOf(fileTitle, i + 1);
            chapters.add(new Chapter(LocalIds.encode(entry.name()), number,
                    chapter.title() != null ? chapter.title() : fileTitle, chapter.language(), chapter.volume(),
                    chapter.scanlator(), chapter.updatedAt()));
        }
        return new Manga(mangaId, titleOf(manga, about), about.description(),
                about.cover() == null ? null : coverLocator(mangaId), about.language(), chapters, about.status(),
                about.authors(), about.artists(), about.tags(), List.of(), about.readingDirection(),
                List.copyOf(warnings));
    }

    @Override
    public Optional<CoverImage> cover(String mangaId) {
        MangaDir manga = locateManga(mangaId);
        return Optional.ofNullable(metadata.manga(manga).cover()).map(cover -> cover.image(manga));
    }

    @Override
    public List<Page> pages(String mangaId, String chapterId) {
        List<String> names = pageNames(mangaId, chapterId);
        List<Page> pages = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            pages.add(new Page(i, locator(mangaId, chapterId, i)));
        }
        return pages;
    }

    @Override
    public List<Page> describedPages(String mangaId, String chapterId) {
        LocalChapter chapter = locateChapter(mangaId, chapterId);
        try {
            List<String> names = chapter.pageNames();
            List<Optional<ImageSize>> sizes = chapter.sizes(names);
            List<Page> pages = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                Optional<ImageSize> size = sizes.get(i);
                pages.add(new Page(i, locator(mangaId, chapterId, i),
                        size.map(ImageSize::width).orElse(null), size.map(ImageSize::height).orElse(null)));
            }
            return pages;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read chapter " + chapterId + ": " + e);
            throw new SourceException("Cannot read chapter " + chapterId, e);
        }
    }

    @Override
    public PageContent openPage(String mangaId, String chapterId, Page page) {
        LocalChapter chapter = locateChapter(mangaId, chapterId);
        try {
            List<String> names = chapter.pageNames();
            if (page.index() >= names.size()) {
                throw new SourceNotFoundException("Chapter " + chapterId + " has no page " + (page.index() + 1));
            }
            return chapter.open(names.get(page.index()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read page " + (page.index() + 1) + " of " + chapterId + ": " + e);
            throw new SourceException("Cannot read page " + (page.index() + 1) + " of chapter " + chapterId, e);
        }
    }

    private static String titleOf(MangaDir manga, MangaMetadata about) {
        return about.title() != null ? about.title() : manga.name();
    }

    private static String locator(String mangaId, String chapterId, int index) {
        return "local:" + mangaId + "/" + chapterId + "/" + index;
    }

    private static String coverLocator(String mangaId) {
        return "local:" + mangaId + "/cover";
    }

    private List<String> pageNames(String mangaId, String chapterId) {
        try {
            return locateChapter(mangaId, chapterId).pageNames();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read chapter " + chapterId + ": " + e);
            throw new SourceException("Cannot read chapter " + chapterId, e);
        }
    }

    private MangaDir locateManga(String mangaId) {
        Optional<Path> root = folder.realRoot();
        if (root.isPresent()) {
            for (String name : LocalIds.names(mangaId)) {
                Optional<Path> dir = folder.child(root.get(), root.get(), name).filter(Files::isDirectory);
                if (dir.isPresent()) {
                    return new MangaDir(folder, root.get(), dir.get(), name);
                }
            }
        }
        throw new SourceNotFoundException("No manga " + mangaId + " in the local library");
    }

    private LocalChapter locateChapter(String mangaId, String chapterId) {
        MangaDir manga = locateManga(mangaId);
        for (String name : LocalIds.names(chapterId)) {
            Optional<LocalChapter> chapter = manga.chapter(name);
            if (chapter.isPresent()) {
                return chapter.get();
            }
        }
        throw new SourceNotFoundException("No chapter " + chapterId + " in manga " + mangaId);
    }

    /** "Chapter 12.5" gives 12.5, "Vol 2 - 017" gives 2 unless a chapter marker says otherwise; else the position. */
    static String numberOf(String title, int position) {
        Matcher marked = CHAPTER_NUMBER.matcher(title);
        Matcher any = ANY_NUMBER.matcher(title);
        String number = marked.find() ? marked.group(1) : any.find() ? any.group(1) : String.valueOf(position);
        return number.replaceFirst("^0+(?=\\d)", "");
    }
}
