package dev.jamra.server.updates;

import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RunningServer;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code library.update-interval} on the real server: checks come on their own, and stop with the server. */
class PeriodicUpdatesTest {

    @Test
    void checksComeEveryIntervalWithoutAskingAndStopWithTheServer() {
        java.nio.file.Path dataDir = TestConfig.newDataDir();
        LocalFolders folders = new LocalFolders(dataDir.resolve("local"));
        folders.chapter("Ongoing", "Chapter 1");
        RunningServer server = RunningServer.start(dataDir, Map.of("library.update-interval", "PT0.2S"));
        try {
            UpdatesApi updates = new UpdatesApi(server.http());
            String item = updates.add("Ongoing", "local", "Ongoing");
            Await.until(() -> updates.status().getInt("checked") == 1 && !updates.status().getBoolean("running"),
                    "a periodic check has seen the item");

            folders.chapter("Ongoing", "Chapter 2");
            Await.until(() -> updates.newChapters(item) == 1, "a later periodic check finds the new chapter");
        } finally {
            long timers = timerThreads();
            server.app().stop();
            assertEquals(timers - 1, timerThreads(), "the schedule's thread stopped with the server");
        }
        assertFalse(server.server().isRunning());
    }

    @Test
    void theZeroIntervalChecksOnlyOnDemand() {
        long timers = timerThreads();
        RunningServer server = RunningServer.start(TestConfig.newDataDir(), Map.of("library.update-interval", "PT0S"));
        try {
            assertEquals(timers, timerThreads(), "no timer at all");
            UpdatesApi updates = new UpdatesApi(server.http());
            assertEquals(0, updates.status().getInt("total"));
            assertFalse(updates.status().containsKey("startedAt"), "nothing ever started");
        } finally {
            server.app().stop();
        }
    }

    /** Library update timers alive in this JVM: other test classes' servers may have theirs. */
    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("library-update-timer") && thread.isAlive()).count();
    }
}
