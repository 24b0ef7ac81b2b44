package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Path;

import dev.jamra.server.sources.SourceException;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Failures of the local folder reach clients, so they must not tell where the library is on this machine. */
class LocalFolderTest {

    @Test
    void aFolderThatCannotBeListedIsReportedWithoutItsPath() throws IOException {
        Path root = TestConfig.newDataDir().toRealPath();
        LocalFolder folder = new LocalFolder(root);
        // a chapter folder deleted between its lookup and its listing
        SourceException failure = assertThrows(SourceException.class,
                () -> folder.entries(root, root.resolve("Chapter 1")));
        assertThat(failure.getMessage(), not(containsString(root.toString())));
        assertThat(failure.getMessage(), containsString("local library"));
    }
}
