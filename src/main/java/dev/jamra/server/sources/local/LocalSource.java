package dev.jamra.server.sources.local;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jamra.server.sources.Chapter;
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
 * Manga in a folder on disk: each sub-folder a manga (its title the folder name), each of its sub-folders or
 * {@code .cbz} files a chapter (its time the file's or folder's modification time), each image a page; everything
 * in natural order. Ids are the names, made URL-safe by {@link LocalIds}. Pages are served by this source itself
 * ({@code local:<manga>/<chapter>/<index>}).
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

    LocalSource(Path root) {
        this.folder = new LocalFolder(root);
    }

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public SearchPage search(String query, int page) {
        if (page < 1) {
            throw new IllegalArgumentException("Search pages start at 1");
        }
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<String> titles = folder.realRoot()
                .map(root -> folder.entries(root, root).stream()
                        .filter(entry -> Files.isDirectory(entry.real()))
                        .map(LocalFolder.Entry::name)
                        .filter(name -> name.toLowerCase(Locale.ROOT).contains(needle))
                        .sorted(NaturalOrder.INSTANCE)
                        .toList())
                .orElse(List.of());
        int from = (int) Math.min((long) (page - 1) * SEARCH_PAGE_SIZE, titles.size());
        int to = Math.min(from + SEARCH_PAGE_SIZE, titles.size());
        List<SearchResult> results = titles.subList(from, to).stream()
                .map(title -> SearchResult.of(LocalIds.encode(title), title))
                .toList();
        return new SearchPage(results, to < titles.size(), titles.size());
    }

    @Override
    public Manga manga(String mangaId) {
        Located manga = locateManga(mangaId);
        List<LocalFolder.Entry> entries = folder.entries(manga.root(), manga.dir()).stream()
                .filter(entry -> isChapter(entry.name(), entry.real()))
                .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()))
                .toList();
        List<Chapter> chapters = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.get(i).name();
            String title = LocalChapter.title(name);
            chapters.add(new Chapter(LocalIds.encode(name), numberOf(title, i + 1), title, null, null, null,
                    modified(entries.get(i).real())));
        }
        return new Manga(mangaId, manga.dir().getFileName().toString(), null, null, chapters);
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

    private static String locator(String mangaId, String chapterId, int index) {
        return "local:" + mangaId + "/" + chapterId + "/" + index;
    }

    private List<String> pageNames(String mangaId, String chapterId) {
        try {
            return locateChapter(mangaId, chapterId).pageNames();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read chapter " + chapterId + ": " + e);
            throw new SourceException("Cannot read chapter " + chapterId, e);
        }
    }

    private Located locateManga(String mangaId) {
        Optional<Path> root = folder.realRoot();
        if (root.isPresent()) {
            for (String name : LocalIds.names(mangaId)) {
                Optional<Path> dir = folder.child(root.get(), root.get(), name).filter(Files::isDirectory);
                if (dir.isPresent()) {
                    return new Located(root.get(), dir.get());
                }
            }
        }
        throw new SourceNotFoundException("No manga " + mangaId + " in the local library");
    }

    private LocalChapter locateChapter(String mangaId, String chapterId) {
        Located manga = locateManga(mangaId);
        for (String name : LocalIds.names(chapterId)) {
            Optional<Path> entry = folder.child(manga.root(), manga.dir(), name).filter(real -> isChapter(name, real));
            if (entry.isPresent()) {
                Path real = entry.get();
                return Files.isDirectory(real)
                        ? new LocalChapter.Folder(folder, manga.root(), real)
                        : new LocalChapter.Archive(real);
            }
        }
        throw new SourceNotFoundException("No chapter " + chapterId + " in manga " + mangaId);
    }

    /**
     * When a chapter last changed on disk: its {@code .cbz} file's time, or its folder's (which moves when pages are
     * added, removed or renamed); {@code null} when it cannot be read.
     */
    private static Instant modified(Path real) {
        try {
            return Files.getLastModifiedTime(real).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isChapter(String name, Path real) {
        return Files.isDirectory(real) || (LocalChapter.isArchive(name) && Files.isRegularFile(real));
    }

    /** "Chapter 12.5" gives 12.5, "Vol 2 - 017" gives 2 unless a chapter marker says otherwise; else the position. */
    static String numberOf(String title, int position) {
        Matcher marked = CHAPTER_NUMBER.matcher(title);
        Matcher any = ANY_NUMBER.matcher(title);
        String number = marked.find() ? marked.group(1) : any.find() ? any.group(1) : String.valueOf(position);
        return number.replaceFirst("^0+(?=\\d)", "");
    }

    private record Located(Path root, Path dir) {
    }
}
