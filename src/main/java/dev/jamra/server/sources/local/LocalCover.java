package dev.jamra.server.sources.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.jamra.server.sources.CoverImage;
import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.ImageTypes;
import dev.jamra.server.sources.SourceNotFoundException;

/**
 * A manga's cover, found as Mihon, Komga and Kavita find one: a file {@code cover.<ext>} in the manga folder
 * ({@code jpg}, {@code jpeg}, {@code png}, {@code webp}, {@code avif} or {@code gif}, in any case; the first in
 * natural order that is a usable image), else the first page of the first chapter (folder or {@code .cbz}). An
 * image is usable when its bytes are those of one of these formats, it has at most {@link Limits#MAX_COVER_BYTES}
 * bytes and, where its header tells, at most {@link Limits#MAX_COVER_PIXELS} pixels; a candidate that is not gets
 * a warning and the next one is tried.
 *
 * <p>It is kept by names, never by path: {@link #image} finds the file again through {@link LocalFolder} when it is
 * served, so a file swapped for a link out of the library since it was found is not served.
 *
 * @param chapter  the chapter (its name in the manga folder) whose first page this is, or null for a cover file
 * @param name     the file's name in the manga or chapter folder, or the page's entry in the chapter's archive
 * @param size     its length in bytes; for an archive's page, what the archive declares (-1 when nothing)
 * @param version  changes whenever the file (or the archive holding it) changes; names nothing
 */
record LocalCover(String chapter, String name, boolean archived, String contentType, long size,
                  Instant lastModified, String version) {
    private static final Pattern COVER_NAME = Pattern.compile("(?i)cover\\.[^.]+");

    /** The cover of {@code manga}, if it has a usable one; what was tried is stamped and warned about in {@code reading}. */
    static Optional<LocalCover> find(MangaDir manga, List<LocalFolder.Entry> entries,
                                     List<LocalFolder.Entry> chapters, Reading reading) {
        List<LocalFolder.Entry> files = entries.stream()
                .filter(entry -> isCoverName(entry.name()) && Files.isRegularFile(entry.real()))
                .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()))
                .toList();
        for (LocalFolder.Entry file : files) {
            Optional<LocalCover> cover = ofFile(null, file.name(), file.real(), reading);
            if (cover.isPresent()) {
                return cover;
            }
        }
        return chapters.isEmpty() ? Optional.empty() : firstPage(manga, chapters.get(0), reading);
    }

    /** {@code cover.jpg}, {@code Cover.PNG}...: the name {@code cover} with a page image extension. */
    static boolean isCoverName(String name) {
        return COVER_NAME.matcher(name).matches() && ImageTypes.isImage(name);
    }

    /**
     * The first page of the first chapter, whose folder or archive the caller has stamped (and warned about when it
     * cannot be read: it read the chapter's {@code ComicInfo.xml} first, which opens it as this does).
     */
    private static Optional<LocalCover> firstPage(MangaDir manga, LocalFolder.Entry entry, Reading reading) {
        try {
            return switch (manga.chapterAt(entry.real())) {
                case LocalChapter.Folder folder -> {
                    List<String> pages = folder.listPages();
                    yield pages.isEmpty() ? Optional.empty() : folder.pageFile(pages.get(0))
                            .flatMap(file -> ofFile(entry.name(), pages.get(0), file, reading));
                }
                case LocalChapter.Archive archive -> {
                    List<String> pages = archive.pageNames();
                    yield pages.isEmpty() ? Optional.empty()
                            : ofEntry(entry.name(), pages.get(0), archive.file(), reading);
                }
            };
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalCover> ofFile(String chapter, String name, Path file, Reading reading) {
        String label = chapter == null ? name : chapter + "/" + name;
        try (InputStream in = Files.newInputStream(file)) {
            FileStamp stamp = FileStamp.read(file);
            reading.stamp(stamp);
            return usableType(in, stamp.size(), label, reading)
                    .map(type -> new LocalCover(chapter, name, false, type, stamp.size(),
                            stamp.modified().toInstant(), version(chapter, name, stamp)));
        } catch (IOException e) {
            reading.warn(label, "cannot be read");
            reading.readAgain(file);
            return Optional.empty();
        }
    }

    private static Optional<LocalCover> ofEntry(String chapter, String page, Path archive, Reading reading)
            throws IOException {
        FileStamp stamp = FileStamp.read(archive);
        long size = CbzArchive.declaredSize(archive, page);
        try (InputStream in = CbzArchive.open(archive, page)) {
            return usableType(in, size, chapter + "/" + page, reading)
                    .map(type -> new LocalCover(chapter, page, true, type, size, stamp.modified().toInstant(),
                            version(chapter, page, stamp)));
        }
    }

    /** The media type of an image that can be a cover, judged by its bytes; else a warning says why not. */
    static Optional<String> usableType(InputStream stream, long size, String label, Reading reading)
            throws IOException {
        if (size > Limits.MAX_COVER_BYTES) {
            reading.warn(label, "is larger than " + Limits.MAX_COVER_BYTES / (1024 * 1024) + " MiB, too large for a cover");
            return Optional.empty();
        }
        BufferedInputStream in = new BufferedInputStream(stream, 8192);
        in.mark(ImageTypes.SNIFF_LENGTH);
        Optional<String> extension = ImageTypes.sniff(in.readNBytes(ImageTypes.SNIFF_LENGTH));
        if (extension.isEmpty()) {
            reading.warn(label, "is not an image (png, jpeg, gif, webp or avif), so not a cover");
            return Optional.empty();
        }
        in.reset();
        Optional<ImageSize> pixels = ImageSize.read(in);
        if (pixels.isPresent() && (long) pixels.get().width() * pixels.get().height() > Limits.MAX_COVER_PIXELS) {
            reading.warn(label, "is " + pixels.get().width() + " x " + pixels.get().height()
                                + " pixels, too large for a cover");
            return Optional.empty();
        }
        return ImageTypes.contentTypeOf("cover." + extension.get());
    }

    /** The image as the server serves it: opened again by name, inside the library, at most the cover limit. */
    CoverImage image(MangaDir manga) {
        // an archive's declared size is not trusted as the length of what its entry inflates to
        return new CoverImage(contentType, archived ? -1 : size, lastModified, version,
                () -> Limits.capped(open(manga), Limits.MAX_COVER_BYTES));
    }

    private InputStream open(MangaDir manga) throws IOException {
        if (chapter == null) {
            Path file = manga.child(name).filter(Files::isRegularFile).orElseThrow(LocalCover::gone);
            return Files.newInputStream(file);
        }
        return manga.chapter(chapter).orElseThrow(LocalCover::gone).open(name).stream();
    }

    private static SourceNotFoundException gone() {
        return new SourceNotFoundException("The cover is no longer there");
    }

    /** A digest of where the image is and its file's time and size: the same while the image is. */
    private static String version(String chapter, String name, FileStamp stamp) {
        String identity = chapter + "\u0000" + name + "\u0000" + stamp.modified() + "\u0000" + stamp.size();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
