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
        files.delete("dl");
        assertEquals("[page_003.png]", listing(root.resolve("dl")));
        assertTrue(Files.exists(theirs));
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
