package dev.jamra.server.cbz;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.reader.ChapterPages;
import dev.jamra.server.reader.ReaderService;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.ImageTypes;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.PageSender;
import dev.jamra.server.sources.SourceRegistry;

/**
 * Exports a chapter of a library item as a {@code .cbz}: its pages in reading order, named {@code 001.jpg},
 * {@code 002.png}... after their position, then {@code ComicInfo.xml}, which needs every page's size and so comes
 * last. Pages of a downloaded chapter come from disk; the others are fetched from the source one at a time into the
 * scratch area, added, and deleted. The first page is read before anything is written, so a chapter whose source is
 * down gets a clean error answer; a page failing later can only cut the archive short.
 */
public final class ChapterExporter {
    private static final System.Logger LOG = System.getLogger(ChapterExporter.class.getName());
    static final String COMIC_INFO = "ComicInfo.xml";

    private final LibraryService library;
    private final ReaderService reader;
    private final SourceRegistry sources;
    private final PageSender pageSender;

    public ChapterExporter(LibraryService library, ReaderService reader, SourceRegistry sources,
                           PageSender pageSender) {
        this.library = Objects.requireNonNull(library, "library");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.pageSender = Objects.requireNonNull(pageSender, "pageSender");
    }

    /** A chapter ready to export: the file's name, what {@code ComicInfo.xml} will say, and where its pages are. */
    record Export(String fileName, ComicInfo info, ChapterPages pages) {
    }

    /**
     * Looks the chapter up: 404 for an unknown item, chapter or a chapter without pages, 502 when its source fails
     * to list the pages of a chapter that is not downloaded. The manga's details are a bonus: when its source
     * cannot give them, the archive says less.
     */
    Export prepare(String libraryId, String chapterId) {
        LibraryItem item = library.find(libraryId)
                .orElseThrow(() -> new ServiceException.NotFound("No library item with id " + libraryId));
        ChapterPages pages = reader.pages(libraryId, chapterId);
        if (pages.count() == 0) {
            throw new ServiceException.NotFound("Chapter " + chapterId + " has no pages to export");
        }
        Optional<Manga> manga = details(item);
        Optional<Chapter> chapter = manga.flatMap(found -> found.indexOf(chapterId).map(found.chapters()::get));
        String number = chapter.map(Chapter::number)
                .or(() -> pages instanceof ChapterPages.Downloaded disk ? disk.chapterNumber() : Optional.empty())
                .orElse(chapterId);
        Optional<String> web = sources.find(item.extensionId())
                .flatMap(source -> source.chapterWebUrl(item.mangaId(), chapterId));
        ComicInfo info = new ComicInfo(
                chapter.map(Chapter::title).orElse(""),
                item.title(),
                number,
                chapter.flatMap(Chapter::numericVolume).flatMap(ChapterExporter::wholeNumber),
                manga.map(Manga::description).orElse(""),
                manga.map(Manga::authors).orElse(List.of()),
                manga.map(Manga::artists).orElse(List.of()),
                manga.map(Manga::tags).orElse(List.of()),
                web,
                chapter.map(Chapter::language).or(() -> manga.map(Manga::language)),
                List.of());
        return new Export(CbzFileName.of(item.title(), number), info, pages);
    }

    /**
     * Writes the archive to the stream {@code out} gives, asking for it once the first page is at hand, and closes
     * it once the archive is whole. A failure before that is thrown as it is (nothing was written); one after it is
     * an {@link ArchiveCutShort}, and the stream stays open: the answer must be cut short, not ended as if whole.
     */
    void write(Export export, Supplier<OutputStream> out) {
        int count = export.pages().count();
        List<ComicInfo.PageInfo> archived = new ArrayList<>(count);
        OutputStream stream;
        StoredZip zip;
        try (PageFile first = open(export.pages(), 0)) {
            stream = out.get();
            zip = new StoredZip(stream);
            archived.add(add(zip, first, 0, count));
        } catch (IOException e) {
            throw new ArchiveCutShort(e);
        }
        try {
            for (int index = 1; index < count; index++) {
                try (PageFile page = open(export.pages(), index)) {
                    archived.add(add(zip, page, index, count));
                }
            }
            zip.addBytes(COMIC_INFO, ComicInfoXml.write(export.info().withPages(archived)));
            zip.finish();
            stream.close();
        } catch (IOException | RuntimeException e) {
            throw new ArchiveCutShort(e);
        }
    }

    /** An archive that failed after its first bytes went out: its answer can only be cut short. */
    static final class ArchiveCutShort extends RuntimeException {
        ArchiveCutShort(Exception cause) {
            super("The archive failed after it began: " + cause.getMessage(), cause);
        }
    }

    private static ComicInfo.PageInfo add(StoredZip zip, PageFile page, int index, int count) throws IOException {
        long bytes = zip.addFile(entryName(index, count, page.extension()), page.file());
        return new ComicInfo.PageInfo(index, bytes, ImageSize.of(page.file()));
    }

    /** {@code 001.jpg}: the page's position from 1, padded to the width of the last (at least three digits). */
    static String entryName(int index, int count, String extension) {
        int width = Math.max(3, String.valueOf(count).length());
        return String.format("%0" + width + "d.%s", index + 1, extension);
    }

    /** A page as a file: one of a download, or one fetched from the source into the scratch area until closed. */
    private interface PageFile extends AutoCloseable {
        Path file();

        String extension();

        @Override
        void close();
    }

    private PageFile open(ChapterPages pages, int index) {
        return switch (pages) {
            case ChapterPages.Downloaded disk -> {
                Path file = disk.files().get(index);
                String extension = ImageTypes.extensionOf(file.getFileName().toString()).orElse("img");
                yield new PageFile() {
                    @Override
                    public Path file() {
                        return file;
                    }

                    @Override
                    public String extension() {
                        return extension;
                    }

                    @Override
                    public void close() {
                        // the download keeps its file
                    }
                };
            }
            case ChapterPages.FromSource remote -> {
                PageSender.ScratchPage fetched = pageSender.fetch(remote.source(), remote.mangaId(),
                        remote.chapterId(), remote.pages().get(index));
                yield new PageFile() {
                    @Override
                    public Path file() {
                        return fetched.file();
                    }

                    @Override
                    public String extension() {
                        return fetched.page().extension();
                    }

                    @Override
                    public void close() {
                        fetched.close();
                    }
                };
            }
        };
    }

    /** The manga's details from its source; empty when the source cannot give them now. */
    private Optional<Manga> details(LibraryItem item) {
        try {
            return Optional.of(sources.call(item.extensionId(), source -> source.manga(item.mangaId())));
        } catch (ServiceException e) {
            LOG.log(Level.DEBUG, () -> "No details of " + item.mangaId() + " for its export: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The schema's {@code Volume} is an int: "3" is written, "3.5" is not. */
    static Optional<Integer> wholeNumber(BigDecimal volume) {
        try {
            return Optional.of(volume.intValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
