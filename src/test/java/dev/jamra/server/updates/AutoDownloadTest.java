package dev.jamra.server.updates;

import java.util.List;

import dev.jamra.server.library.LibraryStatus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code downloads.auto-download-new}: which items' new chapters a check queues, never those of a first check. */
class AutoDownloadTest {
    private final UpdateFixture fixture = new UpdateFixture();
    private LibraryUpdates updates;

    @AfterEach
    void close() {
        updates.close();
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(AutoDownload.class)
    void eachSettingQueuesTheNewChaptersOfTheItemsItCovers(AutoDownload setting) {
        updates = fixture.start(setting);
        fixture.source.add("fav", "1").add("read", "1").add("plan", "1");
        fixture.item("fav", LibraryStatus.ON_HOLD, true);
        fixture.item("read", LibraryStatus.READING, false);
        fixture.item("plan", LibraryStatus.PLAN_TO_READ, false);
        fixture.checkAndWait(updates);
        assertEquals(List.of(), fixture.queued, "a first check finds nothing new, so queues nothing");

        fixture.source.add("fav", "2", "3").add("read", "2").add("plan", "2");
        fixture.checkAndWait(updates);
        List<String> expected = switch (setting) {
            case OFF -> List.of();
            case FAVORITES -> List.of("lib-fav/fav-2", "lib-fav/fav-3");
            case READING -> List.of("lib-read/read-2");
            case ALL -> List.of("lib-fav/fav-2", "lib-fav/fav-3", "lib-read/read-2", "lib-plan/plan-2");
        };
        assertEquals(expected, fixture.queued);
    }

    @Test
    void aQueueThatFailsLeavesTheCheckGoingAndTheChaptersFound() {
        updates = fixture.start(AutoDownload.ALL);
        fixture.source.add("a", "1").add("b", "1");
        fixture.item("a");
        fixture.item("b");
        fixture.checkAndWait(updates);
        fixture.source.add("a", "2").add("b", "2");
        fixture.failQueuing(new IllegalStateException("the queue is closed"));

        CheckStatus status = fixture.checkAndWait(updates);
        assertEquals(2, status.checked());
        assertEquals(List.of(), status.errors(), "the check itself went well");
        assertEquals(2, updates.feed(10, 0).total());
    }
}
