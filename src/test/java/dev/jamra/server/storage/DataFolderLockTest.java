package dev.jamra.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One holder per data folder at a time, released when it closes; checking it changes nothing. */
class DataFolderLockTest {
    private final Path dataDir = TestConfig.newDataDir().resolve("data");

    @Test
    void aSecondHolderIsRefusedUntilTheFirstCloses() throws Exception {
        assertDoesNotThrow(() -> DataFolderLock.check(dataDir));
        assertFalse(Files.exists(dataDir), "a check creates nothing");
        try (DataFolderLock first = DataFolderLock.acquire(dataDir)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dataDir.resolve("jamra.lock")));
            DataFolderLock.InUseException refused = assertThrows(DataFolderLock.InUseException.class,
                    () -> DataFolderLock.acquire(dataDir));
            assertThat(refused.getMessage(), containsString("process " + ProcessHandle.current().pid()));
            assertThrows(DataFolderLock.InUseException.class, () -> DataFolderLock.check(dataDir));
        }
        assertDoesNotThrow(() -> DataFolderLock.check(dataDir));
        try (DataFolderLock again = DataFolderLock.acquire(dataDir)) {
            assertThrows(DataFolderLock.InUseException.class, () -> DataFolderLock.check(dataDir));
        }
    }
}
