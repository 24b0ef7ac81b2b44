package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;

import dev.jamra.server.sources.SourceException;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Failures of the local folder reach clients, so they must not tell where the library is on this machine. */
class LocalFolderTest {

    @Test
    void aFolderThatCannotBeListedIsReportedWithoutItsPath() throws IOException {
        Path root = TestConfig.newDataDir().toRealPath();
        LocalFolder folder = new LocalFolder(root);
        // a chapter folder deleted between its lookup and its listing
        try (LogLines log = LogLines.of(LocalFolder.class.getName(), Level.WARNING)) {
            SourceException failure = assertThrows(SourceException.class,
                    () -> folder.entries(root, root.resolve("Chapter 1")));
            assertThat(failure.getMessage(), not(containsString(root.toString())));
            assertThat(failure.getMessage(), containsString("local library"));
            assertEquals(1, log.lines().size(), "the path goes to the log");
            assertThat(log.lines().get(0), containsString(root.resolve("Chapter 1").toString()));
        }
        assertThrows(NoSuchFileException.class, () -> folder.list(root, root.resolve("Chapter 1")),
                "listed for metadata, the failure is the caller's to report");
    }
}
