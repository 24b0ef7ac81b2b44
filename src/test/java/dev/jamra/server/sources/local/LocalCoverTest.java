package dev.jamra.server.sources.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.sources.CoverImage;
import dev.jamra.server.sources.SearchResult;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.testing.Cbz;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each cover rule on real files: {@code cover.<ext>} in any case, else the first page of the first chapter (folder or
 * {@code .cbz}); candidates that are not images, too large in bytes or in pixels, or links out of the library are
 * passed over with a warning; a cover is served by name, so a file swapped for a link out is never served.
 */
class LocalCoverTest {
    private static final byte[] PNG = Images.of("png", 30, 40);
    private static final byte[] JPG = Images.of("jpg", 30, 40);
    private static final byte[] GIF = Images.of("gif", 30, 40);
    /** The first bytes of a WebP and an AVIF file, all the type check reads; no size is found in them. */
    private static final byte[] WEBP = concat("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), new byte[32]);
    private static final byte[] AVIF = concat("\0\0\0\u0020ftypavif".getBytes(StandardCharsets.ISO_8859_1), new byte[32]);
    private static final byte[] SECRET = Images.of("png", 7, 7);

    private final Path data = TestConfig.newDataDir();
    private final Path library = data.resolve("local");
    private final Path outside = data.resolve("outside");
    private final LocalSource source = new LocalSource(library);

    @Test
    void aCoverFileOfEachTypeInAnyCaseIsTheCover() throws IOException {
        Map<String, byte[]> covers = new LinkedHashMap<>();
        covers.put("cover.jpg", JPG);
        covers.put("cover.jpeg", JPG);
        covers.put("Cover.PNG", PNG);
        covers.put("COVER.webp", WEBP);
        covers.put("cover.AVIF", AVIF);
        covers.put("cover.gif", GIF);
        Map<String, String> types = Map.of("cover.jpg", "image/jpeg", "cover.jpeg", "image/jpeg",
                "Cover.PNG", "image/png", "COVER.webp", "image/webp", "cover.AVIF", "image/avif",
                "cover.gif", "image/gif");
        for (Map.Entry<String, byte[]> cover : covers.entrySet()) {
            Path manga = chapterWithPage("with " + cover.getKey());
            Files.write(manga.resolve(cover.getKey()), cover.getValue());
            CoverImage image = cover(manga);
            assertEquals(types.get(cover.getKey()), image.contentType(), cover.getKey());
            assertArrayEquals(cover.getValue(), bytes(image), cover.getKey());
            assertEquals(cover.getValue().length, image.size());
        }
    }

    @Test
    void theTypeComesFromTheBytesNotTheName() throws IOException {
        Path manga = manga("misnamed");
        Files.write(manga.resolve("cover.jpg"), PNG);
        assertEquals("image/png", cover(manga).contentType());
    }

    @Test
    void otherFilesAreNoCovers() throws IOException {
        Path manga = manga("no cover");
        Files.write(manga.resolve("cover.txt"), PNG);
        Files.write(manga.resolve("covers.png"), PNG);
        Files.write(manga.resolve("front.png"), PNG);
        Files.write(manga.resolve(".cover.png"), PNG);
        Files.write(manga.resolve("cover"), PNG);
        Files.createDirectories(manga.resolve("cover.png"));
        assertEquals(Optional.empty(), source.cover(id(manga)));
        assertNull(source.manga(id(manga)).coverUrl());
        assertEquals(List.of(), source.manga(id(manga)).warnings());
    }

    @Test
    void withoutACoverFileTheFirstPageOfTheFirstFolderChapterIsTheCover() throws IOException {
        Path manga = manga("first page");
        Path second = Files.createDirectories(manga.resolve("Chapter 10"));
        Files.write(second.resolve("1.png"), GIF);
        Path first = Files.createDirectories(manga.resolve("Chapter 2"));
        Files.write(first.resolve("10.png"), GIF);
        Files.write(first.resolve("2.png"), JPG);
        Files.writeString(first.resolve("1.txt"), "not a page");
        CoverImage image = cover(manga);
        assertEquals("image/jpeg", image.contentType());
        assertArrayEquals(JPG, bytes(image));
        assertEquals("local:" + id(manga) + "/cover", source.manga(id(manga)).coverUrl());
    }

    @Test
    void theFirstPageOfAFirstArchiveChapterIsTheCover() throws IOException {
        Path manga = manga("archive");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("../outside.png", SECRET);
        entries.put("__MACOSX/._01.png", SECRET);
        entries.put("ComicInfo.xml", "<ComicInfo/>".getBytes(StandardCharsets.UTF_8));
        entries.put("10.png", GIF);
        entries.put("02.png", PNG);
        Cbz.write(manga.resolve("Chapter 1.cbz"), entries);
        Path later = Files.createDirectories(manga.resolve("Chapter 2"));
        Files.write(later.resolve("1.png"), JPG);
        CoverImage image = cover(manga);
        assertEquals("image/png", image.contentType());
        assertArrayEquals(PNG, bytes(image));
        assertEquals(-1, image.size(), "what an archive declares is not served as the length");
    }

    @Test
    void aCoverFileComesBeforeTheFirstPage() throws IOException {
        Path manga = chapterWithPage("both");
        Files.write(manga.resolve("cover.gif"), GIF);
        assertArrayEquals(GIF, bytes(cover(manga)));
    }

    @Test
    void aCoverThatIsNotAnImageIsPassedOverWithAWarning() throws IOException {
        Path manga = manga("fake cover");
        Files.writeString(manga.resolve("cover.gif"), "GIF? no, text");
        Files.write(manga.resolve("cover.png"), PNG);
        assertArrayEquals(PNG, bytes(cover(manga)), "the next candidate in natural order");
        assertEquals(List.of("cover.gif is not an image (png, jpeg, gif, webp or avif), so not a cover"),
                source.manga(id(manga)).warnings());

        Path alone = manga("only a fake cover");
        Files.writeString(alone.resolve("cover.jpg"), "<html>");
        assertEquals(Optional.empty(), source.cover(id(alone)));
        assertEquals(1, source.manga(id(alone)).warnings().size());
    }

    @Test
    void aCoverOfTooManyBytesIsPassedOverForTheFirstPage() throws IOException {
        Path manga = chapterWithPage("huge bytes");
        Path huge = manga.resolve("cover.png");
        Files.write(huge, PNG);
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Limits.MAX_COVER_BYTES + 1);  // sparse: a PNG header, then nothing
        }
        assertArrayEquals(JPG, bytes(cover(manga)));
        assertEquals(List.of("cover.png is larger than 10 MiB, too large for a cover"),
                source.manga(id(manga)).warnings());

        Path limit = chapterWithPage("at the limit");
        Path big = limit.resolve("cover.png");
        Files.write(big, PNG);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(Limits.MAX_COVER_BYTES);
        }
        assertEquals(Limits.MAX_COVER_BYTES, cover(limit).size(), "exactly the limit is allowed");
    }

    @Test
    void aCoverOfTooManyPixelsIsPassedOver() throws IOException {
        Path manga = chapterWithPage("huge pixels");
        Files.write(manga.resolve("cover.png"), pngHeader(10_001, 10_000));
        assertArrayEquals(JPG, bytes(cover(manga)));
        assertEquals(List.of("cover.png is 10001 x 10000 pixels, too large for a cover"),
                source.manga(id(manga)).warnings());

        Path square = manga("at the pixel limit");
        Files.write(square.resolve("cover.png"), pngHeader(10_000, 10_000));
        assertEquals("image/png", cover(square).contentType());
    }

    @Test
    void aHugeFirstPageOfAnArchiveIsNoCover() throws IOException {
        Path manga = manga("huge archived page");
        Cbz.write(manga.resolve("1.cbz"), Map.of("1.png", pngHeader(20_000, 20_000)));
        assertEquals(Optional.empty(), source.cover(id(manga)));
        assertEquals(List.of("1.cbz/1.png is 20000 x 20000 pixels, too large for a cover"),
                source.manga(id(manga)).warnings());
    }

    @Test
    void aDamagedFirstArchiveGivesNoCoverAndAWarning() throws IOException {
        Path manga = manga("damaged");
        Files.writeString(manga.resolve("1.cbz"), "not a zip");
        Path second = Files.createDirectories(manga.resolve("2"));
        Files.write(second.resolve("1.png"), PNG);
        assertEquals(Optional.empty(), source.cover(id(manga)), "only the first chapter is looked at");
        assertEquals(List.of("1.cbz is not a readable zip archive"), source.manga(id(manga)).warnings());
    }

    @Test
    void anEmptyFirstChapterOrNoChapterGivesNoCover() throws IOException {
        Path empty = manga("empty chapter");
        Files.createDirectories(empty.resolve("Chapter 1"));
        Path second = Files.createDirectories(empty.resolve("Chapter 2"));
        Files.write(second.resolve("1.png"), PNG);
        assertEquals(Optional.empty(), source.cover(id(empty)));
        assertEquals(Optional.empty(), source.cover(id(manga("nothing"))));
        assertThrows(SourceNotFoundException.class, () -> source.cover("no-such-manga"));
    }

    @Test
    void linksOutOfTheLibraryAreNeverCovers() throws IOException {
        Files.createDirectories(outside);
        Path secret = Files.write(outside.resolve("secret.png"), SECRET);
        Path manga = manga("linked cover");
        Files.createSymbolicLink(manga.resolve("cover.png"), secret);
        Path chapter = Files.createDirectories(manga.resolve("Chapter 1"));
        Files.createSymbolicLink(chapter.resolve("1.png"), secret);
        Files.write(chapter.resolve("2.png"), PNG);
        assertArrayEquals(PNG, bytes(cover(manga)), "the linked cover and the linked first page are passed over");

        Path linkedChapter = manga("linked chapter");
        Path outsideChapter = Files.createDirectories(outside.resolve("chapter"));
        Files.write(outsideChapter.resolve("1.png"), SECRET);
        Files.createSymbolicLink(linkedChapter.resolve("Chapter 1"), outsideChapter);
        assertEquals(Optional.empty(), source.cover(id(linkedChapter)));

        Files.createSymbolicLink(library.resolve("linked manga"), outside);
        assertThrows(SourceNotFoundException.class, () -> source.cover("~linked_manga"));
    }

    @Test
    void aLinkInsideTheLibraryIsACover() throws IOException {
        Path manga = manga("inner link");
        Path shared = Files.write(Files.createDirectories(library.resolve("shared")).resolve("art.jpg"), JPG);
        Files.createSymbolicLink(manga.resolve("cover.jpg"), shared);
        assertArrayEquals(JPG, bytes(cover(manga)));
    }

    @Test
    void aCoverSwappedForALinkOutIsNotServedEvenWhenItLooksTheSame() throws IOException {
        Files.createDirectories(outside);
        Path manga = manga("swapped");
        Path cover = Files.write(manga.resolve("cover.png"), PNG);
        FileTime time = FileTime.from(Instant.parse("2024-03-01T10:00:00Z"));
        Files.setLastModifiedTime(cover, time);
        FileTime folderTime = FileTime.from(Instant.parse("2024-03-01T11:00:00Z"));
        Files.setLastModifiedTime(manga, folderTime);
        CoverImage found = cover(manga);

        // an outside file of the same size and time, and the folder's time put back: every stamp still matches
        Path twin = Files.write(outside.resolve("twin.png"), concat(SECRET, new byte[PNG.length - SECRET.length]));
        Files.setLastModifiedTime(twin, time);
        Files.delete(cover);
        Files.createSymbolicLink(cover, twin);
        Files.setLastModifiedTime(manga, folderTime);
        CoverImage kept = cover(manga);
        assertEquals(found.version(), kept.version(), "answered from what was read before");
        assertThrows(SourceNotFoundException.class, () -> bytes(kept), "opened again by name: not inside");
        assertThrows(SourceNotFoundException.class, () -> bytes(found));

        Files.setLastModifiedTime(manga, FileTime.from(Instant.parse("2024-03-02T00:00:00Z")));
        assertEquals(Optional.empty(), source.cover(id(manga)), "read again: the link is no entry");
    }

    @Test
    void theCoverIsFoundAgainWhenItChanges() throws IOException {
        Path manga = chapterWithPage("changing");
        CoverImage first = cover(manga);
        assertArrayEquals(JPG, bytes(first));
        Files.write(manga.resolve("cover.png"), PNG);
        CoverImage second = cover(manga);
        assertArrayEquals(PNG, bytes(second));
        assertNotEquals(first.version(), second.version());
        Files.setLastModifiedTime(manga.resolve("cover.png"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        CoverImage touched = cover(manga);
        assertNotEquals(second.version(), touched.version());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), touched.lastModified());
        assertEquals(touched.version(), cover(manga).version(), "the same while unchanged");
        Files.delete(manga.resolve("cover.png"));
        assertArrayEquals(JPG, bytes(cover(manga)));
    }

    @Test
    void searchResultsNameTheirCoverAndOnlyWhenThereIsOne() throws IOException {
        chapterWithPage("has cover");
        manga("has none");
        List<SearchResult> results = source.search("", 1).results();
        assertEquals(new SearchResult("~has_cover", "has cover", "local:~has_cover/cover", null, null),
                results.get(0));
        assertNull(results.get(1).coverUrl());
        assertThat(results.stream().map(SearchResult::id).toList(), hasItem("~has_none"));
        assertFalse(source.search("", 1).hasMore());
    }

    @Test
    void aCoverReplacedByAFolderIsNotOpened() throws IOException {
        Path manga = manga("folder cover");
        Path cover = Files.write(manga.resolve("cover.png"), PNG);
        CoverImage found = cover(manga);
        Files.delete(cover);
        Files.createDirectories(cover);
        assertThrows(SourceNotFoundException.class, () -> bytes(found));

        Path paged = chapterWithPage("folder page");
        CoverImage page = cover(paged);
        Path file = paged.resolve("Chapter 1/1.jpg");
        Files.delete(file);
        Files.createDirectories(file);
        assertThrows(SourceNotFoundException.class, () -> bytes(page));
        Files.delete(paged.resolve("Chapter 1/1.jpg"));
        Files.delete(paged.resolve("Chapter 1"));
        assertThrows(SourceNotFoundException.class, () -> bytes(page), "its chapter gone too");
    }

    /** A manga folder with a chapter whose one page is a JPEG. */
    private Path chapterWithPage(String name) throws IOException {
        Path manga = manga(name);
        Files.write(Files.createDirectories(manga.resolve("Chapter 1")).resolve("1.jpg"), JPG);
        return manga;
    }

    private Path manga(String name) throws IOException {
        return Files.createDirectories(library.resolve(name));
    }

    private CoverImage cover(Path manga) {
        return source.cover(id(manga)).orElseThrow(() -> new AssertionError("no cover for " + manga));
    }

    private static String id(Path manga) {
        return LocalIds.encode(manga.getFileName().toString());
    }

    private static byte[] bytes(CoverImage image) throws IOException {
        try (InputStream in = image.open()) {
            return in.readAllBytes();
        }
    }

    /** The start of a PNG whose header claims {@code width x height} pixels. */
    private static byte[] pngHeader(int width, int height) {
        return ByteBuffer.allocate(64)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13})
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height)
                .array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
