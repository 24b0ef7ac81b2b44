package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {

    private static Outbound.Text text(String json) {
        return new Outbound.Text(json, null);
    }

    private static Outbound.Text progress(String downloadId, int page) {
        return new Outbound.Text(downloadId + ":" + page, downloadId);
    }

    /** What a writer would send, in order, until the queue has nothing more. */
    private static List<String> drain(OutboundQueue queue) {
        List<String> taken = new ArrayList<>();
        Outbound next;
        while ((next = queue.next()) != null) {
            taken.add(switch (next) {
                case Outbound.Text t -> t.json();
                case Outbound.Ping p -> "PING";
                case Outbound.Pong p -> "PONG";
                case Outbound.Close c -> "CLOSE " + c.code();
            });
        }
        return taken;
    }

    @Test
    void keepsOrderUpToCapacityThenRefuses() {
        OutboundQueue queue = new OutboundQueue(3);
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("a")));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("b")));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("c")));
        assertEquals(OutboundQueue.Offer.FULL, queue.offer(text("d")));
        assertEquals(List.of("a", "b", "c"), drain(queue));
    }

    @Test
    void fullQueueCollapsesProgressToTheNewestPerDownload() {
        OutboundQueue queue = new OutboundQueue(4);
        queue.offer(progress("x", 1));
        queue.offer(text("page x1"));
        queue.offer(progress("y", 1));
        queue.offer(progress("x", 2));
        // full: x:1 goes (x:2 is newer); the incoming y:2 supersedes y:1
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(progress("y", 2)));
        assertEquals(List.of("page x1", "x:2", "y:2"), drain(queue));
    }

    @Test
    void collapseThatFreesNothingRefuses() {
        OutboundQueue queue = new OutboundQueue(2);
        queue.offer(progress("x", 1));
        queue.offer(progress("y", 1));
        assertEquals(OutboundQueue.Offer.FULL, queue.offer(text("other")));
        assertEquals(2, queue.size());
    }

    @Test
    void controlFramesJumpTheLineAndDoNotCount() {
        OutboundQueue queue = new OutboundQueue(1);
        queue.offer(text("a"));
        queue.ping();
        queue.pong(new byte[] {1});
        queue.pong(new byte[] {2});
        assertEquals(List.of("PONG", "PING", "a"), drain(queue));
    }

    @Test
    void closeComesAfterPendingMessagesUnlessDiscarded() {
        OutboundQueue flushing = new OutboundQueue(8);
        flushing.offer(text("a"));
        assertEquals(true, flushing.close(new Outbound.Close(1001, "bye"), false));
        assertEquals(false, flushing.close(new Outbound.Close(1008, "again"), true), "only the first close counts");
        assertEquals(OutboundQueue.Offer.CLOSED, flushing.offer(text("late")));
        assertEquals(List.of("a", "CLOSE 1001"), drain(flushing));

        OutboundQueue discarding = new OutboundQueue(8);
        discarding.offer(text("a"));
        discarding.close(new Outbound.Close(1008, "slow consumer"), true);
        assertEquals(List.of("CLOSE 1008"), drain(discarding));
    }

    @Test
    void oneWriterIsClaimedWhileThereIsWork() {
        OutboundQueue queue = new OutboundQueue(8);
        assertFalse(queue.claimWriter(), "nothing to send, no writer");
        queue.offer(text("a"));
        assertTrue(queue.claimWriter());
        queue.offer(text("b"));
        assertFalse(queue.claimWriter(), "the running writer will take it");
        assertEquals(List.of("a", "b"), drain(queue));
        assertFalse(queue.claimWriter(), "the writer gave up its claim when it found nothing");
        queue.ping();
        assertTrue(queue.claimWriter(), "new work, a new writer");
    }

    @Test
    void nothingIsHandedOutAfterTheCloseFrameOrTheEnd() {
        OutboundQueue closed = new OutboundQueue(8);
        closed.close(new Outbound.Close(1000, "bye"), false);
        assertTrue(closed.claimWriter());
        assertEquals(List.of("CLOSE 1000"), drain(closed));
        closed.ping();
        assertFalse(closed.claimWriter());

        OutboundQueue ended = new OutboundQueue(8);
        ended.offer(text("a"));
        ended.end();
        assertFalse(ended.claimWriter());
        assertEquals(List.of(), drain(ended));
        assertEquals(OutboundQueue.Offer.CLOSED, ended.offer(text("late")));
    }
}
