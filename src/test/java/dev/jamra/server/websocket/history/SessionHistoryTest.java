package dev.jamra.server.websocket.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.ResumeRefusal;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.websocket.delivery.OutgoingFrame;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.MissingValueException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel's memory: retention by count and age, ended sessions, refusals, replay filtering, snapshots. */
class SessionHistoryTest {
    private static final Duration AGE = Duration.ofMinutes(2);

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        long millis = 1_000_000;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    /** Each session's subscription changes, as its connection would hold them. */
    private final Map<String, SessionHistory.Changes> changes = new HashMap<>();
    private long seq;

    private SessionHistory history(int maxEvents, int maxEnded) {
        return new SessionHistory(new RetentionSettings(maxEvents, Long.MAX_VALUE, AGE), maxEnded, clock);
    }

    private OutgoingFrame.Text publish(SessionHistory history, BroadcastEvent event) {
        OutgoingFrame.Text message = OutgoingFrame.Text.of("{\"seq\":" + (++seq) + "}", null);
        history.published(seq, event, event.topic(), message);
        return message;
    }

    private SessionHistory.Changes changes(String session) {
        return changes.computeIfAbsent(session, id -> new SessionHistory.Changes());
    }

    /** The connection of {@code session} ended, holding {@code subscriptions}. */
    private void ended(SessionHistory history, String session, Set<String> subscriptions) {
        history.ended(session, new SessionHistory.Held(subscriptions, changes(session)));
    }

    private void changed(SessionHistory history, String session, long afterSeq, boolean subscribed, String id) {
        history.subscriptionChanged(changes(session), afterSeq, subscribed, id);
    }

    private static BroadcastEvent progress(String downloadId, int page) {
        return DownloadProgress.of(downloadId, "ch", page, 10, 0);
    }

    private static BroadcastEvent library(String id) {
        return new LibraryItemRemoved(id, "m", "local", "T", 0);
    }

    private static SessionHistory.Outcome resume(SessionHistory history, String session, long lastSeq, long now) {
        return history.resume(new ResumeRequest(session, "epoch", lastSeq), Optional.empty(), now);
    }

    private static List<OutgoingFrame.Text> replayed(SessionHistory.Outcome outcome) {
        return assertInstanceOf(SessionHistory.Resumed.class, outcome).replay();
    }

    private static ResumeRefusal refusal(SessionHistory.Outcome outcome) {
        return assertInstanceOf(SessionHistory.Refused.class, outcome).reason();
    }

    @Test
    void replayHoldsWhatTheSessionWouldHaveReceivedInOrder() {
        SessionHistory history = history(100, 10);
        publish(history, library("before"));
        ended(history, "s", Set.of("dl-A"));
        OutgoingFrame.Text a1 = publish(history, progress("dl-A", 1));
        publish(history, progress("dl-B", 1));
        OutgoingFrame.Text lib = publish(history, library("l"));
        OutgoingFrame.Text a2 = publish(history, progress("dl-A", 2));
        SessionHistory.Resumed resumed = assertInstanceOf(SessionHistory.Resumed.class, resume(history, "s", 1, seq));
        assertEquals(List.of(a1, lib, a2), resumed.replay());
        assertEquals(Set.of("dl-A"), resumed.held().subscriptions());
        assertEquals(ResumeRefusal.UNKNOWN_SESSION, refusal(resume(history, "s", 1, seq)),
                "a resumed session is live again: no record is left");
    }

    @Test
    void aSessionWithoutSubscriptionsGetsEverythingAfterItsLastSeq() {
        SessionHistory history = history(100, 10);
        publish(history, progress("dl-A", 1));
        OutgoingFrame.Text b = publish(history, progress("dl-B", 1));
        OutgoingFrame.Text c = publish(history, library("c"));
        ended(history, "s", Set.of());
        assertEquals(List.of(b, c), replayed(resume(history, "s", 1, seq)));
        ended(history, "t", Set.of());
        assertEquals(List.of(), replayed(resume(history, "t", seq, seq)), "up to date: nothing to replay");
    }

    @Test
    void theLiveConnectionsSubscriptionsWinOverARecord() {
        SessionHistory history = history(100, 10);
        ended(history, "s", Set.of("dl-old"));
        OutgoingFrame.Text a = publish(history, progress("dl-live", 1));
        SessionHistory.Changes live = new SessionHistory.Changes();
        SessionHistory.Resumed resumed = assertInstanceOf(SessionHistory.Resumed.class, history.resume(
                new ResumeRequest("s", "e", 0), Optional.of(new SessionHistory.Held(Set.of("dl-live"), live)), seq));
        assertEquals(Set.of("dl-live"), resumed.held().subscriptions());
        assertSame(live, resumed.held().changes(), "the live connection's changes go on");
        assertEquals(List.of(a), resumed.replay());
        assertEquals(List.of(), replayed(history.resume(new ResumeRequest("never-ended", "e", seq),
                Optional.of(new SessionHistory.Held(Set.of(), live)), seq)), "a live session needs no record");
    }

    @Test
    void countRetentionRefusesOnlyThoseWhoMissedADroppedBroadcast() {
        SessionHistory history = history(3, 10);
        for (int i = 0; i < 5; i++) {
            publish(history, library("l" + i));
        }
        ended(history, "behind", Set.of());
        ended(history, "just", Set.of());
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(history, "behind", 1, seq)));
        assertEquals(3, replayed(resume(history, "just", 2, seq)).size(), "seq 2 applied: 3, 4, 5 retained");
    }

    @Test
    void byteRetentionKeepsTheNewestThatFitAndRefusesThoseWhoMissedTheRest() {
        OutgoingFrame.Text sample = OutgoingFrame.Text.of("{\"seq\":" + 1 + "}", null);
        // room for three messages of this size, not four
        SessionHistory history = new SessionHistory(new RetentionSettings(100, 4 * sample.weight() - 1, AGE), 10,
                clock);
        for (int i = 0; i < 6; i++) {
            publish(history, library("l" + i));
        }
        ended(history, "behind", Set.of());
        ended(history, "just", Set.of());
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(history, "behind", 2, seq)));
        assertEquals(3, replayed(resume(history, "just", 3, seq)).size(), "seq 3 applied: 4, 5, 6 retained");

        SessionHistory none = new SessionHistory(new RetentionSettings(100, 0, AGE), 10, clock);
        ended(none, "before", Set.of());
        publish(none, library("l"));
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(none, "before", seq - 1, seq)), "nothing is kept");
    }

    @Test
    void agedBroadcastsGiveTheirBytesBack() {
        OutgoingFrame.Text sample = OutgoingFrame.Text.of("{\"seq\":" + 1 + "}", null);
        SessionHistory history = new SessionHistory(new RetentionSettings(100, 2 * sample.weight(), AGE), 10,
                clock);
        publish(history, library("old"));
        clock.millis += AGE.toMillis() + 1;
        ended(history, "s", Set.of());
        OutgoingFrame.Text first = publish(history, library("new"));
        OutgoingFrame.Text second = publish(history, library("newer"));
        assertEquals(List.of(first, second), replayed(resume(history, "s", 1, seq)),
                "the aged broadcast's bytes made room for both");
    }

    @Test
    void noRetentionAtAllStillResumesAnUpToDateClient() {
        SessionHistory history = history(0, 10);
        publish(history, library("l"));
        ended(history, "s", Set.of());
        ended(history, "t", Set.of());
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(history, "s", 0, seq)));
        assertEquals(List.of(), replayed(resume(history, "t", seq, seq)));
    }

    @Test
    void ageForgetsBroadcastsAndEndedSessions() {
        SessionHistory history = history(100, 10);
        publish(history, library("old"));
        ended(history, "old-session", Set.of());
        clock.millis += AGE.toMillis() / 2;
        OutgoingFrame.Text young = publish(history, library("young"));
        ended(history, "young-session", Set.of());
        clock.millis += AGE.toMillis() / 2 + 1;
        history.prune();
        assertEquals(ResumeRefusal.EXPIRED, refusal(resume(history, "old-session", 0, seq)));
        assertEquals(ResumeRefusal.UNKNOWN_SESSION, refusal(resume(history, "old-session", 0, seq)),
                "an expiry is told once");
        assertEquals(List.of(young), replayed(resume(history, "young-session", 1, seq)));
    }

    @Test
    void exactlyTheAgeIsStillRetained() {
        SessionHistory history = history(100, 10);
        OutgoingFrame.Text kept = publish(history, library("l"));
        ended(history, "s", Set.of());
        clock.millis += AGE.toMillis();
        history.prune();
        assertEquals(List.of(kept), replayed(resume(history, "s", 0, seq)));
    }

    @Test
    void publishingAlsoDropsWhatAged() {
        SessionHistory history = history(100, 10);
        publish(history, library("old"));
        clock.millis += AGE.toMillis() + 1;
        ended(history, "missed-old", Set.of());
        ended(history, "saw-old", Set.of());
        OutgoingFrame.Text fresh = publish(history, library("new"));
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(history, "missed-old", 0, seq)));
        assertEquals(List.of(fresh), replayed(resume(history, "saw-old", 1, seq)));
    }

    @Test
    void endedSessionsAreBoundedOldestFirst() {
        SessionHistory history = history(100, 2);
        ended(history, "a", Set.of());
        ended(history, "b", Set.of());
        ended(history, "a", Set.of("dl"));  // ended again: now the newest
        ended(history, "c", Set.of());
        assertEquals(ResumeRefusal.UNKNOWN_SESSION, refusal(resume(history, "b", 0, seq)), "the oldest went");
        assertEquals(Set.of("dl"), assertInstanceOf(SessionHistory.Resumed.class, resume(history, "a", 0, seq))
                .held().subscriptions(), "with its second end");
        assertInstanceOf(SessionHistory.Resumed.class, resume(history, "c", 0, seq));
    }

    @Test
    void aPositionAheadOfTheServerOrMissingIsRefused() {
        SessionHistory history = history(100, 10);
        publish(history, library("l"));
        ended(history, "ahead", Set.of());
        ended(history, "missing", Set.of());
        assertEquals(ResumeRefusal.EPOCH_MISMATCH, refusal(resume(history, "ahead", seq + 1, seq)));
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(history, "missing", -1, seq)));
        assertEquals(ResumeRefusal.UNKNOWN_SESSION, refusal(resume(history, "ahead", seq, seq)),
                "a refused session is not kept");
    }

    @Test
    void snapshotsAreTheLatestEventOfEachDownload() {
        SessionHistory history = history(100, 10);
        assertTrue(history.snapshot("dl").isEmpty());
        publish(history, new DownloadStarted("dl", "m", "ch", 0));
        BroadcastEvent latest = progress("dl", 3);
        publish(history, latest);
        publish(history, progress("other", 1));
        publish(history, library("l"));
        assertEquals(latest, history.snapshot("dl").orElseThrow().event());
        assertEquals(2, history.snapshot("dl").orElseThrow().seq());
    }

    @Test
    void eachReplayedBroadcastIsFilteredByTheSubscriptionsOfItsTime() {
        SessionHistory history = history(100, 10);
        OutgoingFrame.Text b1 = publish(history, progress("dl-B", 1));   // seq 1: follows everything
        changed(history, "s", seq, true, "dl-A");           // follows dl-A after seq 1
        publish(history, progress("dl-B", 2));                         // seq 2: filtered
        OutgoingFrame.Text a1 = publish(history, progress("dl-A", 1));     // seq 3
        changed(history, "s", seq, true, "dl-C");
        OutgoingFrame.Text c1 = publish(history, progress("dl-C", 1));     // seq 4
        changed(history, "s", seq, false, "dl-A");
        publish(history, progress("dl-A", 2));                         // seq 5: no longer followed
        ended(history, "s", Set.of("dl-C"));
        OutgoingFrame.Text c2 = publish(history, progress("dl-C", 2));     // seq 6
        assertEquals(List.of(b1, a1, c1, c2), replayed(resume(history, "s", 0, seq)));
    }

    @Test
    void aResumeAfterSomeChangesUndoesOnlyTheLaterOnes() {
        SessionHistory history = history(100, 10);
        changed(history, "s", 0, true, "dl-A");
        OutgoingFrame.Text a1 = publish(history, progress("dl-A", 1));     // seq 1
        changed(history, "s", seq, false, "dl-A");         // back to everything after seq 1
        OutgoingFrame.Text b1 = publish(history, progress("dl-B", 1));     // seq 2
        ended(history, "s", Set.of());
        SessionHistory.Resumed resumed = assertInstanceOf(SessionHistory.Resumed.class, resume(history, "s", 0, seq));
        assertEquals(List.of(a1, b1), resumed.replay());
        assertSame(changes("s"), resumed.held().changes(), "a resumed session keeps its log");
    }

    @Test
    void tooManyChangesSinceTheClientsPositionIsTooFarBehind() {
        SessionHistory history = history(1000, 10);
        publish(history, library("l"));
        for (int i = 0; i <= SessionHistory.MAX_CHANGES; i++) {
            changed(history, "s", seq, i % 2 == 0, "dl-A");
            publish(history, library("l" + i));
        }
        ended(history, "s", Set.of());
        ended(history, "t", Set.of());
        assertEquals(ResumeRefusal.TOO_FAR_BEHIND, refusal(resume(history, "s", 0, seq)));
        assertEquals(1, replayed(resume(history, "t", seq - 1, seq)).size(), "a session without changes resumes");
    }

    @Test
    void exactlyTheMostChangesRememberedStillResume() {
        SessionHistory history = history(1000, 10);
        publish(history, library("l"));
        for (int i = 0; i < SessionHistory.MAX_CHANGES; i++) {
            changed(history, "s", seq, i % 2 == 0, "dl-X");  // follows dl-X only, then everything
            publish(history, progress("dl-A", 1));
        }
        ended(history, "s", Set.of());
        assertEquals(1 + SessionHistory.MAX_CHANGES / 2, replayed(resume(history, "s", 0, seq)).size(),
                "the library event, then dl-A only while the session followed everything");
    }

    @Test
    void changesOlderThanTheRetainedBroadcastsAreDropped() {
        SessionHistory history = history(2, 10);
        changed(history, "s", 0, true, "dl-A");
        for (int i = 0; i < 5; i++) {
            publish(history, progress("dl-A", i + 1));
        }
        changed(history, "s", seq, false, "dl-A");
        OutgoingFrame.Text b = publish(history, progress("dl-B", 1));
        ended(history, "s", Set.of());
        assertEquals(List.of(b), replayed(resume(history, "s", seq - 1, seq)));
    }

    @Test
    void aResumeNoticesAnExpiryBeforeAnyPruneRan() {
        SessionHistory history = history(100, 10);
        changed(history, "s", 0, true, "dl");
        ended(history, "s", Set.of("dl"));
        clock.millis += AGE.toMillis() + 1;
        assertEquals(ResumeRefusal.EXPIRED, refusal(resume(history, "s", 0, seq)));
    }

    @Test
    void expiredIdsAreBoundedToo() {
        SessionHistory history = history(100, 2);
        ended(history, "a", Set.of());
        ended(history, "b", Set.of());
        clock.millis += AGE.toMillis() + 1;
        history.prune();
        ended(history, "c", Set.of());
        clock.millis += AGE.toMillis() + 1;
        history.prune();
        assertEquals(ResumeRefusal.UNKNOWN_SESSION, refusal(resume(history, "a", 0, seq)), "the oldest is forgotten");
        assertEquals(ResumeRefusal.EXPIRED, refusal(resume(history, "b", 0, seq)));
        assertEquals(ResumeRefusal.EXPIRED, refusal(resume(history, "c", 0, seq)));
    }

    @Test
    void snapshotsAreBoundedLeastRecentlyActiveFirst() {
        SessionHistory history = history(0, 10);
        publish(history, progress("first", 1));
        publish(history, progress("kept", 1));
        for (int i = 0; i < SessionHistory.MAX_SNAPSHOTS - 2; i++) {
            publish(history, progress("dl-" + i, 1));
        }
        publish(history, progress("kept", 2));  // active again: now the most recent
        assertTrue(history.snapshot("first").isPresent(), "exactly at the bound nothing is forgotten");
        publish(history, progress("one-more", 1));
        assertTrue(history.snapshot("first").isEmpty());
        assertTrue(history.snapshot("kept").isPresent());
    }

    @Test
    void settingsAreReadFromConfiguration() {
        Config config = Config.just(ConfigSources.create(
                Map.of("max-events", "5", "max-bytes", "4096", "max-age", "PT1S")));
        assertEquals(new RetentionSettings(5, 4096, Duration.ofSeconds(1)), RetentionSettings.from(config));
        assertEquals(new RetentionSettings(10_000, 32L << 20, Duration.ofMinutes(2)),
                RetentionSettings.from(TestConfig.builtIn(Map.of()).get("websocket.retention")), "the built-in ones");
        assertThrows(MissingValueException.class, () -> RetentionSettings.from(Config.empty()));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(-1, 1, AGE));
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(1, -1, AGE));
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(1, 1, Duration.ZERO));
    }

    @Test
    void theDeliveryRuleMatchesTheManagers() {
        assertTrue(SessionHistory.delivers(Set.of(), "x"));
        assertTrue(SessionHistory.delivers(Set.of("x"), "x"));
        assertFalse(SessionHistory.delivers(Set.of("y"), "x"));
        assertTrue(SessionHistory.delivers(Set.of("y"), null));
    }
}
