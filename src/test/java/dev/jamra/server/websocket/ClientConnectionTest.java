package dev.jamra.server.websocket;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientConnectionTest {

    private final ClientConnection connection = new ClientConnection("s1", new DiscardingSession(), 8,
            Thread.currentThread(), c -> { });

    @Test
    void aPingIsDueOneIntervalAfterTheOpeningThenAfterTheLastPing() {
        long hour = TimeUnit.HOURS.toNanos(1);
        assertFalse(connection.pingDue(hour), "just opened");
        assertTrue(connection.pingDue(0), "due at once with no interval");
        assertFalse(connection.pingDue(hour), "an hour after the ping just counted");
    }

    @Test
    void onlyTheFirstCloseCountsAndItsReasonIsKept() {
        assertTrue(connection.close(1008, "slow consumer", true));
        assertFalse(connection.close(1000, "bye", false));
        assertEquals("1008 slow consumer", connection.closeReason());
        assertTrue(connection.end(), "the first end ends it");
        assertFalse(connection.end(), "a second one does nothing");
        assertTrue(connection.isEnded());
    }

    @Test
    void anUnfinishedMessageIsTimedFromItsFirstFrame() {
        assertEquals(0, connection.unfinishedMessageNanos());
        connection.messageStarted();
        long first = connection.unfinishedMessageNanos();
        connection.messageStarted();  // a later frame of the same message does not restart the clock
        assertTrue(connection.unfinishedMessageNanos() >= first);
        connection.messageFinished();
        assertEquals(0, connection.unfinishedMessageNanos());
    }
}
