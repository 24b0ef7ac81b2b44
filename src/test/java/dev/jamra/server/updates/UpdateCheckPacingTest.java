package dev.jamra.server.updates;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.sources.SourceRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A check asks each source at its own pace: the pause goes before the call, one source's pace leaves others be. */
class UpdateCheckPacingTest {
    private final UpdateFixture fixture = new UpdateFixture();
    private final ScriptedSource slow = fixture.source;
    private final ScriptedSource fast = new ScriptedSource("fast");
    private final SourcePacingTest.FakeTime time = new SourcePacingTest.FakeTime();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void callsToARateLimitedSourceAreSpacedByItsIntervalOthersAreNot() {
        slow.requestInterval(Duration.ofMillis(200));
        slow.add("s1", "1").add("s2", "1").add("s3", "1");
        fast.add("f1", "1").add("f2", "1");
        List<LibraryItem> items = List.of(fixture.item("s1"), fixture.item("f1", "fast", LibraryStatus.READING, false),
                fixture.item("s2"), fixture.item("f2", "fast", LibraryStatus.READING, false), fixture.item("s3"));
        UpdateCheck check = new UpdateCheck(fixture.db, fixture.rows, fixture.library,
                new SourceRegistry(List.of(slow, fast)), time.pacing(), AutoDownload.OFF,
                (item, chapters) -> { }, fixture.events::add, Clock.systemUTC());

        check.run(items, () -> false);
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(200)), time.sleeps,
                "s2 and s3 waited a slot each; f1 and f2 not at all");
        assertEquals(List.of("s1", "s2", "s3"), slow.calls());
        assertEquals(List.of("f1", "f2"), fast.calls());
    }

    @Test
    void aStopBetweenTwoItemsLeavesTheRestUnasked() {
        slow.add("s1", "1").add("s2", "1");
        List<LibraryItem> items = List.of(fixture.item("s1"), fixture.item("s2"));
        UpdateCheck check = new UpdateCheck(fixture.db, fixture.rows, fixture.library, fixture.sources,
                time.pacing(), AutoDownload.OFF, (item, chapters) -> { }, fixture.events::add,
                Clock.systemUTC());
        check.run(items, () -> !slow.calls().isEmpty());
        assertEquals(List.of("s1"), slow.calls());
    }
}
