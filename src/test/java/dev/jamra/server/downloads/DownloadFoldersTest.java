package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes a download folder the server's own, and what it deletes in one. */
class DownloadFoldersTest {
    private final Path root = TestConfig.newDataDir().resolve("downloads");
    private final DownloadFolders folders = new DownloadFolders(root);

    @Test
    void aClaimedFolderCarriesTheMarkerAndIsClaimedAgainAsItIs() throws IOException {
        Path dir = folders.claim("dl");
        assertTrue(Files.isRegularFile(dir.resolve(DownloadFolders.MARKER)));
        assertTrue(folders.owns("dl"));
        Files.write(dir.resolve("page_001.png"), new byte[] {1});
        assertEquals(dir, folders.claim("dl"));
        assertEquals(List.of(DownloadFolders.MARKER, "page_001.png"), names(dir));
    }

    @Test
    void anEmptyFolderWithoutTheMarkerIsClaimedAndOneWithFilesIsNot() throws IOException {
        Files.createDirectories(root.resolve("empty"));
        folders.claim("empty");
        assertTrue(folders.owns("empty"), "a crash between creating the folder and its marker left it empty");

        Files.write(Files.createDirectories(root.resolve("full")).resolve("x.jpg"), new byte[] {1});
        assertThrows(DownloadFolders.ForeignFolderException.class, () -> folders.claim("full"));
        assertFalse(folders.owns("full"));
        Files.writeString(root.resolve("file"), "not a folder");
        assertThrows(DownloadFolders.ForeignFolderException.class, () -> folders.claim("file"));
        assertThrows(IllegalArgumentException.class, () -> folders.claim("../escape"));
    }

    @Test
    void aMarkedFolderLosesOnlyTheServersNamesAndGoesOnlyWhenNothingElseIsLeft() throws IOException {
        Path dir = folders.claim("dl");
        for (String name : List.of("page_001.png", "page_1000.jpeg", "page_002-123.part", "page_003.png-99.part")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        Files.createDirectories(dir.resolve("page_004.png"));
        Files.write(dir.resolve("cover.jpg"), new byte[] {2});
        Files.write(dir.resolve("page_5.PNG"), new byte[] {3});

        assertEquals(DownloadFolders.Deleted.OURS_ONLY, folders.delete("dl"));
        assertEquals(List.of(DownloadFolders.MARKER, "cover.jpg", "page_004.png", "page_5.PNG"), names(dir),
                "a folder, and names the server does not write, stay with the marker");

        Files.delete(dir.resolve("cover.jpg"));
        Files.delete(dir.resolve("page_004.png"));
        Files.delete(dir.resolve("page_5.PNG"));
        assertEquals(DownloadFolders.Deleted.ALL, folders.delete("dl"));
        assertFalse(Files.exists(dir));
        assertEquals(DownloadFolders.Deleted.NOTHING, folders.delete("dl"));
    }

    @Test
    void aFolderWithoutTheMarkerIsNeverTouched() throws IOException {
        Path dir = Files.createDirectories(root.resolve("dl"));
        Files.write(dir.resolve("page_001.png"), new byte[] {1});
        Files.write(dir.resolve("page_002-1.part"), new byte[] {1});

        assertEquals(DownloadFolders.Deleted.NOT_OURS, folders.delete("dl"));
        folders.deletePartFiles("dl");
        folders.deletePagesAfter("dl", 0);
        folders.deleteOtherCopies("dl", 1, dir.resolve("page_001.jpg"));
        assertEquals(List.of("page_001.png", "page_002-1.part"), names(dir));
    }

    @Test
    void inAFolderOfItsOwnTheServerDeletesPagesPastACountAndOtherCopiesOfAPage() throws IOException {
        Path dir = folders.claim("dl");
        for (String name : List.of("page_001.png", "page_001.jpg", "page_002.png", "page_003.webp", "page_003-5.part",
                "notes.txt")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        folders.deletePagesAfter("dl", 2);
        folders.deleteOtherCopies("dl", 1, dir.resolve("page_001.png"));
        folders.deletePartFiles("dl");
        assertEquals(List.of(DownloadFolders.MARKER, "notes.txt", "page_001.png", "page_002.png"), names(dir));
    }

    @Test
    void aFolderIsAdoptedOnlyWhenItHoldsNothingButItsRecordedPages() throws IOException {
        Path plain = Files.createDirectories(root.resolve("plain"));
        Files.write(plain.resolve("page_001.png"), new byte[] {1});
        Files.write(plain.resolve("page_002-77.part"), new byte[] {1});
        assertTrue(folders.adopt("plain", Set.of("page_001.png", "page_002.png")));
        assertTrue(folders.owns("plain"));
        assertTrue(folders.adopt("plain", Set.of()), "adopted already");

        Path extra = Files.createDirectories(root.resolve("extra"));
        Files.write(extra.resolve("page_001.png"), new byte[] {1});
        Files.write(extra.resolve("page_001.jpg"), new byte[] {1});
        assertFalse(folders.adopt("extra", Set.of("page_001.png")), "an unrecorded page is someone else's");
        Path nested = Files.createDirectories(root.resolve("nested"));
        Files.createDirectories(nested.resolve("page_001.png"));
        assertFalse(folders.adopt("nested", Set.of("page_001.png")), "a folder is not a page");
        assertFalse(folders.adopt("missing", Set.of()));
        assertEquals(List.of("page_001.jpg", "page_001.png"), names(extra));
        assertFalse(folders.owns("extra"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
