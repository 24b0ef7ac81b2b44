package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadFilesTest {
    private final Path root = TestConfig.newDataDir().resolve("downloads");
    private final List<String> synced = new CopyOnWriteArrayList<>();

    /** Records each sync with what the folder held at that moment. */
    private final DownloadFiles files = new DownloadFiles(root, new DownloadFiles.Durability() {
        @Override
        public void syncFile(Path file) throws IOException {
            synced.add("file " + file.getFileName().toString().endsWith(".part") + " " + Files.size(file) + " "
                       + listing(file.getParent()));
        }

        @Override
        public void syncFolder(Path folder) {
            synced.add("folder " + folder.getFileName() + " " + listing(folder));
        }
    });

    @Test
    void aPageReachesTheDiskBeforeItsRenameAndTheRenameBeforeItCounts() throws IOException {
        Path part = files.newPartFile("dl", 1);
        Files.write(part, new byte[] {1, 2, 3});
        Path page = files.moveIntoPlace(part, "dl", 1, "png");
        assertEquals(List.of("file true 3 [" + part.getFileName() + "]", "folder dl [page_001.png]"), synced);
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
        assertEquals("[page_001.jpg, page_002.png]", listing(root.resolve("dl")));
        files.deletePagesAfter("missing", 0);
    }

    private static String listing(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
