package dev.jamra.server.reader;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.jamra.server.downloads.DownloadService;
import dev.jamra.server.downloads.LibraryItemLookup;
import dev.jamra.server.downloads.LibraryItemRef;
import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.ImageTypes;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.SourceRegistry;

/**
 * Chapters of library items as the reader shows them: a downloaded chapter from disk, any other through its
 * source, in the source's chapter order. Downloaded chapters read offline: their pages need no source at all, and
 * when the source cannot describe the manga a downloaded chapter is described from its download, without the
 * chapters around it (which only the source knows).
 */
public final class ReaderService {
    private static final System.Logger LOG = System.getLogger(ReaderService.class.getName());

    private final LibraryItemLookup library;
    private final SourceRegistry sources;
    private final DownloadService downloads;

    public ReaderService(LibraryItemLookup library, SourceRegistry sources, DownloadService downloads) {
        this.library = library;
        this.sources = sources;
        this.downloads = downloads;
    }

    /**
     * A chapter to read.
     *
     * @param title             {@code null} when the chapter has none
     * @param pageSizes         each page's pixel size, in order, where its header or source gives it
     * @param previousChapterId {@code null} at the first chapter
     * @param nextChapterId     {@code null} at the last chapter
     */
    record ReaderChapter(String libraryId, String id, String number, String title,
                         List<Optional<ImageSize>> pageSizes, boolean downloaded,
                         String previousChapterId, String nextChapterId) {
        ReaderChapter {
            pageSizes = List.copyOf(pageSizes);
        }

        int pageCount() {
            return pageSizes.size();
        }
    }

    /** Where a page's bytes come from. */
    sealed interface PageBytes {
        record OnDisk(Path file, String contentType) implements PageBytes {
        }

        record FromSource(MangaSource source, String mangaId, String chapterId, Page page) implements PageBytes {
        }
    }

    /**
     * A page to send and what recording its reading needs: the chapter's page count and, when known without asking
     * the source, its number.
     */
    record ServedPage(PageBytes bytes, int pageCount, Optional<String> chapterNumber) {
    }

    ReaderChapter chapter(String libraryId, String chapterId) {
        return at(libraryId, chapterId, 0, "");
    }

    ReaderChapter next(String libraryId, String chapterId) {
        return at(libraryId, chapterId, 1, "Chapter " + chapterId + " is the last one");
    }

    ReaderChapter previous(String libraryId, String chapterId) {
        return at(libraryId, chapterId, -1, "Chapter " + chapterId + " is the first one");
    }

    /**
     * Every page of a chapter, in order: the files of a downloaded chapter, else the pages its source lists (the
     * exporter reads them all; the reader picks one).
     */
    public ChapterPages pages(String libraryId, String chapterId) {
        LibraryItemRef item = item(libraryId);
        Optional<DownloadService.DownloadedChapter> downloaded = downloads.downloadedChapter(item.id(), chapterId);
        if (downloaded.isPresent()) {
            return new ChapterPages.Downloaded(downloaded.get().pageFiles(),
                    Optional.ofNullable(downloaded.get().chapterNumber()).filter(value -> !value.isBlank()));
        }
        List<Page> pages = sources.call(item.extensionId(), source -> source.pages(item.mangaId(), chapterId));
        MangaSource source = sources.find(item.extensionId()).orElseThrow();
        return new ChapterPages.FromSource(source, item.mangaId(), chapterId, pages);
    }

    /** Page {@code number} (from 1) of a chapter: 404 when the chapter has no such page. */
    ServedPage page(String libraryId, String chapterId, int number) {
        ChapterPages pages = pages(libraryId, chapterId);
        if (number < 1 || number > pages.count()) {
            throw new ServiceException.NotFound("Chapter " + chapterId + " has no page " + number);
        }
        return switch (pages) {
            case ChapterPages.Downloaded disk -> {
                Path file = disk.files().get(number - 1);
                yield new ServedPage(new PageBytes.OnDisk(file, ImageTypes.contentTypeOf(
                        file.getFileName().toString()).orElse("application/octet-stream")), disk.count(),
                        disk.chapterNumber());
            }
            case ChapterPages.FromSource remote -> new ServedPage(new PageBytes.FromSource(remote.source(),
                    remote.mangaId(), remote.chapterId(), remote.pages().get(number - 1)), remote.count(),
                    Optional.empty());
        };
    }

    /**
     * The chapter's number as its source lists it; empty when the source cannot say. Only a label for reading
     * progress, so no failure here may stop the progress from being recorded.
     */
    Optional<String> chapterNumber(String libraryId, String chapterId) {
        try {
            LibraryItemRef item = item(libraryId);
            Manga manga = sources.call(item.extensionId(), source -> source.manga(item.mangaId()));
            return manga.indexOf(chapterId).map(index -> manga.chapters().get(index).number());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "No number for chapter " + chapterId + " of " + libraryId + ": " + e);
            return Optional.empty();
        }
    }

    private ReaderChapter at(String libraryId, String chapterId, int offset, String noneMessage) {
        LibraryItemRef item = item(libraryId);
        Manga manga;
        try {
            manga = sources.call(item.extensionId(), source -> source.manga(item.mangaId()));
        } catch (ServiceException.SourceFailure | ServiceException.NotFound e) {
            // the source is unreachable, gone, or lost the manga; a downloaded chapter still reads
            Optional<DownloadService.DownloadedChapter> downloaded = offset == 0
                    ? downloads.downloadedChapter(item.id(), chapterId)
                    : Optional.empty();
            return downloaded.map(chapter -> offline(item, chapterId, chapter)).orElseThrow(() -> e);
        }
        int index = manga.indexOf(chapterId)
                .orElseThrow(() -> new ServiceException.NotFound("No chapter " + chapterId + " in manga "
                                                                 + item.mangaId()));
        int target = index + offset;
        if (target < 0 || target >= manga.chapters().size()) {
            throw new ServiceException.NotFound(noneMessage);
        }
        List<Chapter> chapters = manga.chapters();
        Chapter chapter = chapters.get(target);
        Optional<DownloadService.DownloadedChapter> downloaded = downloads.downloadedChapter(item.id(), chapter.id());
        List<Optional<ImageSize>> sizes = downloaded.map(found -> sizesOf(found.pageFiles())).orElseGet(() ->
                sources.call(item.extensionId(), source -> source.describedPages(item.mangaId(), chapter.id()))
                        .stream().map(ReaderService::sizeOf).toList());
        return new ReaderChapter(item.id(), chapter.id(), chapter.number(), chapter.title(), sizes,
                downloaded.isPresent(),
                target > 0 ? chapters.get(target - 1).id() : null,
                target < chapters.size() - 1 ? chapters.get(target + 1).id() : null);
    }

    /** A downloaded chapter described from its download alone: no title, and no neighbours. */
    private static ReaderChapter offline(LibraryItemRef item, String chapterId,
                                         DownloadService.DownloadedChapter chapter) {
        return new ReaderChapter(item.id(), chapterId, Objects.requireNonNullElse(chapter.chapterNumber(), ""), null,
                sizesOf(chapter.pageFiles()), true, null, null);
    }

    /** The sizes of downloaded pages, from their files' headers (a few bytes each). */
    private static List<Optional<ImageSize>> sizesOf(List<Path> files) {
        return files.stream().map(ImageSize::of).toList();
    }

    private static Optional<ImageSize> sizeOf(Page page) {
        return page.width() == null ? Optional.empty() : Optional.of(new ImageSize(page.width(), page.height()));
    }

    private LibraryItemRef item(String libraryId) {
        return library.find(libraryId).orElseThrow(() -> new ServiceException.NotFound("No library item " + libraryId));
    }
}
