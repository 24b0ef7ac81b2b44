package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadFilesTest {
    private final Path root = TestConfig.newDataDir().resolve("downloads");
    private final List<String> synced = new CopyOnWriteArrayList<>();

    /** Records each sync with what the folder held at that moment. */
    private final DownloadFiles files = new DownloadFiles(new DownloadFolders(root, new DownloadFolders.Durability() {
        @Override
        public void syncFile(Path file) throws IOException {
            synced.add("file " + file.getFileName().toString().endsWith(".part") + " " + Files.size(file) + " "
                       + listing(file.getParent()));
        }

        @Override
        public void syncFolder(Path folder) {
            synced.add("folder " + folder.getFileName() + " " + listing(folder));
        }
    }));

    @Test
    void aPageReachesTheDiskBeforeItsRenameAndTheRenameBeforeItCounts() throws IOException {
        Path part = files.newPartFile("dl", 1);
        Files.write(part, new byte[] {1, 2, 3});
        Path page = files.moveIntoPlace(part, "dl", 1, "png");
        assertEquals(List.of("file false " + Files.size(root.resolve("dl").resolve(DownloadFolders.MARKER))
                             + " [" + DownloadFolders.MARKER + "]",
                "folder dl [" + DownloadFolders.MARKER + "]",
                "folder downloads [dl]",
                "file true 3 [" + DownloadFolders.MARKER + ", " + part.getFileName() + "]",
                "folder dl [" + DownloadFolders.MARKER + ", page_001.png]"), synced,
                "the folder's marker reaches the disk before the first page goes in");
        assertEquals(3, Files.size(page));
    }

    @Test
    void aPageFileMissingOrOfAnotherSizeIsNotWhole() throws IOException {
        Path part = files.newPartFile("dl", 1);
        Files.write(part, new byte[] {1, 2, 3});
        Path page = files.moveIntoPlace(part, "dl", 1, "png");
        DownloadedPage row = new DownloadedPage("p1", "dl", 1, "http://x/1.png", "dl/page_001.png", 3, Instant.now());
        assertTrue(files.holds(row));
        Files.write(page, new byte[0]);
        assertFalse(files.holds(row), "an empty file");
        Files.write(page, new byte[] {1, 2, 3, 4});
        assertFalse(files.holds(row), "a longer file");
        Files.delete(page);
        assertFalse(files.holds(row), "no file");
    }

    @Test
    void pagesPastANewPageCountGo() throws IOException {
        for (int number = 1; number <= 12; number++) {
            Path part = files.newPartFile("dl", number);
            Files.write(part, new byte[] {(byte) number});
            files.moveIntoPlace(part, "dl", number, number % 2 == 0 ? "png" : "jpg");
        }
        files.deletePagesAfter("dl", 2);
        assertEquals("[" + DownloadFolders.MARKER + ", page_001.jpg, page_002.png]", listing(root.resolve("dl")));
        files.deletePagesAfter("missing", 0);
    }

    @Test
    void theSweepDeletesOnlyTheServersFilesInItsOwnFoldersAndNamesTheOthersOnce() throws IOException {
        Path part = files.newPartFile("kept", 1);
        files.moveIntoPlace(part, "kept", 1, "png");
        Path crashed = files.newPartFile("kept", 2);
        files.moveIntoPlace(files.newPartFile("gone", 1), "gone", 1, "png");
        Files.writeString(root.resolve("gone").resolve("notes.txt"), "someone's");
        files.moveIntoPlace(files.newPartFile("gone2", 1), "gone2", 1, "png");
        Path theirs = Files.write(Files.createDirectories(root.resolve("theirs")).resolve("page_001.png"),
                new byte[] {7});
        Path theirPart = Files.write(root.resolve("theirs").resolve("page_002-1.part"), new byte[] {8});
        Files.writeString(root.resolve("not a download"), "x");
        List<String> logged = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(DownloadFiles.class, logged)) {
            files.sweep(Set.of("kept", "theirs"));
            files.delete("theirs");
            files.delete("theirs");
        }

        assertEquals("[" + DownloadFolders.MARKER + ", page_001.png]", listing(root.resolve("kept")),
                "a kept download loses only its .part files: " + crashed.getFileName());
        assertEquals("[" + DownloadFolders.MARKER + ", notes.txt]", listing(root.resolve("gone")),
                "a folder of ours keeps what the server did not write, and its marker with it");
        assertFalse(Files.exists(root.resolve("gone2")), "a folder of ours with only our files goes");
        assertEquals(List.of(7), toList(Files.readAllBytes(theirs)), "a folder without the marker is untouched");
        assertTrue(Files.exists(theirPart));
        assertEquals(1, logged.stream().filter(line -> line.contains("theirs")).count(),
                "a folder not ours is named once: " + logged);
    }

    @Test
    void aFolderThatIsNotTheServersIsNeitherWrittenNorCleaned() throws IOException {
        Path theirs = Files.write(Files.createDirectories(root.resolve("dl")).resolve("page_003.png"), new byte[] {1});

        assertThrows(DownloadFolders.ForeignFolderException.class, () -> files.newPartFile("dl", 1));
        files.deletePagesAfter("dl", 1);
        List<String> logged = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(DownloadFiles.class, logged)) {
            files.delete("dl");
            files.delete("dl");
        }
        assertEquals(1, logged.size(), "named once: " + logged);
        assertTrue(logged.getFirst().contains("this server did not create it"), logged.getFirst());
        assertEquals("[page_003.png]", listing(root.resolve("dl")));
        assertTrue(Files.exists(theirs));
    }

    @Test
    void aPageStoredAgainUnderAnotherTypeReplacesItsEarlierCopy() throws IOException {
        files.moveIntoPlace(files.newPartFile("dl", 1), "dl", 1, "png");
        files.moveIntoPlace(files.newPartFile("dl", 2), "dl", 2, "png");
        Path jpeg = files.moveIntoPlace(files.newPartFile("dl", 1), "dl", 1, "jpg");
        assertEquals("[" + DownloadFolders.MARKER + ", page_001.jpg, page_002.png]", listing(root.resolve("dl")));
        assertEquals("dl/page_001.jpg", files.relative(jpeg));
        assertEquals(java.util.Optional.of(jpeg), files.file("dl/page_001.jpg"));
        assertEquals(java.util.Optional.empty(), files.file("../outside.png"), "nothing outside the folder");
    }

    @Test
    void foldersHoldingOnlyTheirRecordedPagesAreAdoptedAndTheOthersAreNot() throws IOException {
        Files.write(Files.createDirectories(root.resolve("mine")).resolve("page_001.png"), new byte[] {1});
        Files.write(Files.createDirectories(root.resolve("also")).resolve("page_001.png"), new byte[] {1});
        Files.write(Files.createDirectories(root.resolve("theirs")).resolve("page_001.png"), new byte[] {1});
        Files.write(root.resolve("theirs").resolve("page_002.png"), new byte[] {2});
        files.newPartFile("ours", 1);
        List<String> logged = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(DownloadFiles.class, logged)) {
            files.adopt(java.util.Map.of("theirs", Set.of("theirs/page_001.png", "theirs/sub/page_002.png",
                    "page_002.png", "other/page_002.png")));
            assertEquals(List.of(), logged, "nothing adopted, nothing said");
            files.adopt(java.util.Map.of(
                    "mine", Set.of("mine/page_001.png", "elsewhere/page_009.png"),
                    "also", Set.of("also/page_001.png"),
                    "ours", Set.of(),
                    "not an id", Set.of()));
        }
        assertTrue(Files.exists(root.resolve("mine").resolve(DownloadFolders.MARKER)));
        assertTrue(Files.exists(root.resolve("also").resolve(DownloadFolders.MARKER)));
        assertFalse(Files.exists(root.resolve("theirs").resolve(DownloadFolders.MARKER)),
                "a recorded path not right in its own folder names no file of it");
        assertEquals(List.of("INFO Adopted 2 download folder(s) that held only their own pages"), logged);
    }

    @Test
    void theSweepNamesAtMostTenFoldersNotOursInOrder() throws IOException {
        for (int i = 10; i >= 0; i--) {
            Files.createDirectories(root.resolve(String.format("f%02d", i)));
        }
        List<String> logged = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(DownloadFiles.class, logged)) {
            files.sweep(Set.of());
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.getFirst().startsWith("INFO Left 11 folder(s) in "), logged.getFirst());
        assertTrue(logged.getFirst().endsWith(": f00, f01, f02, f03, f04, f05, f06, f07, f08, f09..."),
                logged.getFirst());
        logged.clear();
        Files.delete(root.resolve("f10"));
        try (LogLines log = LogLines.of(DownloadFiles.class, logged)) {
            files.delete("f03");
            files.sweep(Set.of());
        }
        assertEquals(1, logged.size(), "a folder named by the sweep is not named again by a deletion: " + logged);
        assertTrue(logged.getFirst().endsWith(": f00, f01, f02, f03, f04, f05, f06, f07, f08, f09"),
                "ten are named whole: " + logged);
    }

    @Test
    void aFolderOfOursWithFilesOfOthersIsNamedOnceWhenItsDownloadGoes() throws IOException {
        files.newPartFile("dl", 1);
        Files.writeString(root.resolve("dl").resolve("notes.txt"), "someone's");
        List<String> logged = new CopyOnWriteArrayList<>();
        try (LogLines log = LogLines.of(DownloadFiles.class, logged)) {
            files.delete("dl");
            files.delete("dl");
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.getFirst().contains("it holds files this server did not write"), logged.getFirst());
    }

    private static List<Integer> toList(byte[] bytes) {
        List<Integer> list = new java.util.ArrayList<>();
        for (byte b : bytes) {
            list.add((int) b);
        }
        return list;
    }

    private static String listing(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
