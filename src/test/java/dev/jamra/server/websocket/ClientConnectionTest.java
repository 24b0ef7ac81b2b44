package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.testing.Await;
import dev.jamra.server.websocket.delivery.DeliveryMeter;
import dev.jamra.server.websocket.delivery.FrameQueue;
import dev.jamra.server.websocket.delivery.OutgoingFrame;
import dev.jamra.server.websocket.delivery.QueueLimits;
import dev.jamra.server.websocket.delivery.RecordingSocket;
import dev.jamra.server.websocket.history.SessionHistory;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One connection's own state: pings, silence, unfinished messages, subscriptions, closing and ending. */
class ClientConnectionTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RecordingSocket socket = new RecordingSocket();
    private final ClientConnection connection = new ClientConnection("s1", socket, new QueueLimits(8, Long.MAX_VALUE),
            DeliveryMeter.NONE, new SessionHistory.Changes(), 0, c -> { });

    @Test
    void withNoIntervalAPingIsDueAtEveryLookAndWithALongOneNotAtTheFirst() {
        assertTrue(connection.pingDue(0, 0), "due at once with no interval");
        assertTrue(connection.pingDue(0, 0), "and again");
        ClientConnection other = TestChannel.bareConnection("s9");
        assertFalse(other.pingDue(0, TimeUnit.HOURS.toNanos(1)), "the first one is somewhere in the next hour");
    }

    @Test
    void firstPingsAreSpreadOverOneIntervalThenComeAnIntervalApart() {
        long interval = 30 * SECOND;
        List<ClientConnection> opened = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            opened.add(TestChannel.bareConnection("p" + i));
        }
        Map<ClientConnection, Long> firstDue = new HashMap<>();
        for (long now = 0; now <= interval; now += SECOND / 10) {
            for (ClientConnection c : opened) {
                if (!firstDue.containsKey(c) && c.pingDue(now, interval)) {
                    firstDue.put(c, now);
                    assertFalse(c.pingDue(now + interval - 1, interval), "the next one is an interval later");
                    assertTrue(c.pingDue(now + interval, interval));
                }
            }
        }
        assertEquals(opened.size(), firstDue.size(), "every connection was pinged within one interval");
        LongSummaryStatistics due = firstDue.values().stream().mapToLong(Long::longValue).summaryStatistics();
        assertThat("spread over the interval, not all at once", due.getMax() - due.getMin(), greaterThan(interval / 4));
    }

    @Test
    void silenceCountsFromTheOpeningThenFromTheLastFrameHeard() {
        ClientConnection quiet = new ClientConnection("s5", socket, new QueueLimits(8, 8), DeliveryMeter.NONE,
                new SessionHistory.Changes(), 100, c -> { });
        assertEquals(50, quiet.silentNanos(150));
        quiet.heard(400);
        assertEquals(100, quiet.silentNanos(500));
        assertEquals("s5", quiet.sessionId());
        assertTrue(quiet.toString().contains("s5"), quiet.toString());
    }

    @Test
    void anUnfinishedMessageIsTimedFromItsFirstFrame() {
        assertEquals(0, connection.unfinishedMessageNanos(1000));
        connection.messageStarted(100);
        connection.messageStarted(300);  // a later frame of the same message does not restart the clock
        assertEquals(900, connection.unfinishedMessageNanos(1000));
        connection.messageFinished();
        assertEquals(0, connection.unfinishedMessageNanos(2000));
    }

    @Test
    void subscriptionsSayWhetherTheyChangedAnything() {
        assertTrue(connection.subscribe("dl-1"));
        assertFalse(connection.subscribe("dl-1"));
        assertEquals(Set.of("dl-1"), connection.subscriptions());
        assertTrue(connection.unsubscribe("dl-1"));
        assertFalse(connection.unsubscribe("dl-1"));
        assertFalse(connection.unsubscribe("never"));
        connection.subscribe("dl-2");
        connection.clearSubscriptions();
        assertEquals(Set.of(), connection.subscriptions());
    }

    @Test
    void onlyTheFirstCloseCountsAndItsReasonIsKept() {
        assertEquals("connection lost", connection.ending(), "until something else is known");
        assertTrue(connection.close(CloseReason.SLOW_CONSUMER, true));
        assertFalse(connection.close(CloseReason.IDLE, false));
        assertEquals("1008 slow consumer", connection.ending());
        Await.until(() -> socket.writes.equals(List.of("CLOSE 1008")), "the close frame went out");
        assertEquals("slow consumer", socket.closeReason());
        connection.endsBecause("closed by the client: 1000 bye");
        assertEquals("closed by the client: 1000 bye", connection.ending());
    }

    @Test
    void endingHappensOnceDropsWhatWaitedAndCancelsTheCloseDeadline() {
        AtomicBoolean cancelled = new AtomicBoolean();
        connection.closeDeadline(() -> cancelled.set(true));
        assertFalse(connection.isEnded());
        assertTrue(connection.end(), "the first end ends it");
        assertFalse(connection.end(), "a second one does nothing");
        assertTrue(connection.isEnded());
        assertTrue(cancelled.get(), "the deadline was cancelled");
        assertEquals(FrameQueue.Offer.CLOSED, connection.send(OutgoingFrame.Text.of("{}", null)));
    }

    @Test
    void awaitClosedWaitsForTheCloseFrameAndThenForTheSocket() {
        assertFalse(connection.awaitClosed(System.nanoTime()), "no close frame yet");
        connection.close(CloseReason.SHUTTING_DOWN, false);
        assertFalse(connection.awaitClosed(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)),
                "the close frame went out but the socket is still open");
        socket.end();
        assertTrue(connection.awaitClosed(System.nanoTime() + Await.TIMEOUT.toNanos()));
        connection.cut();
        assertTrue(socket.wasCut(), "a cut goes to the socket");
    }

    @Test
    void aWriteThatFailsIsReportedWithItsReason() {
        AtomicReference<ClientConnection> failed = new AtomicReference<>();
        RecordingSocket broken = new RecordingSocket();
        broken.fail = true;
        SessionHistory.Changes changes = new SessionHistory.Changes();
        ClientConnection connection = new ClientConnection("s3", broken, new QueueLimits(8, 8), DeliveryMeter.NONE,
                changes, 0, failed::set);
        assertSame(broken, connection.socket());
        assertSame(changes, connection.changes());
        connection.send(OutgoingFrame.Text.of("{}", null));
        Await.until(() -> failed.get() == connection, "the failure was reported");
        assertEquals("write failed", connection.ending());
    }
}
