package dev.jamra.server.websocket.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.jamra.server.events.CoalesceKey;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameQueueTest {

    private static OutgoingFrame.Text text(String json) {
        return OutgoingFrame.Text.of(json, null);
    }

    private static OutgoingFrame.Text progress(String downloadId, int page) {
        return OutgoingFrame.Text.of(downloadId + ":" + page, new CoalesceKey("download:progress", downloadId));
    }

    private static OutgoingFrame.Text updateProgress(int checked) {
        return OutgoingFrame.Text.of("update:" + checked, new CoalesceKey("library:update:progress", ""));
    }

    private static FrameQueue queue(int messages) {
        return queue(messages, Long.MAX_VALUE);
    }

    private static FrameQueue queue(int messages, long bytes) {
        return new FrameQueue(new QueueLimits(messages, bytes));
    }

    /** The text a message's frame carries (a short one: a two-byte header). */
    private static String json(OutgoingFrame.Text text) {
        return new String(text.frame(), 2, text.frame().length - 2, StandardCharsets.UTF_8);
    }

    /** What a writer would send, in order, until the queue has nothing more. */
    private static List<String> drain(FrameQueue queue) {
        List<String> taken = new ArrayList<>();
        OutgoingFrame next;
        while ((next = queue.poll()) != null) {
            taken.add(switch (next) {
                case OutgoingFrame.Text t -> json(t);
                case OutgoingFrame.Ping p -> "PING";
                case OutgoingFrame.Pong p -> "PONG";
                case OutgoingFrame.Close c -> "CLOSE " + c.code();
            });
        }
        return taken;
    }

    @Test
    void keepsOrderUpToCapacityThenRefuses() {
        FrameQueue queue = queue(3);
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("a")));
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("b")));
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("c")));
        assertEquals(FrameQueue.Offer.FULL, queue.offer(text("d")));
        assertEquals(List.of("a", "b", "c"), drain(queue));
    }

    @Test
    void fullQueueCollapsesProgressToTheNewestPerDownload() {
        FrameQueue queue = queue(4);
        queue.offer(progress("x", 1));
        queue.offer(text("page x1"));
        queue.offer(progress("y", 1));
        queue.offer(progress("x", 2));
        // full: x:1 goes (x:2 is newer); the incoming y:2 supersedes y:1
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(progress("y", 2)));
        assertEquals(List.of("page x1", "x:2", "y:2"), drain(queue));
    }

    @Test
    void keysOfDifferentEventsNeverSupersedeEachOther() {
        FrameQueue queue = queue(4);
        queue.offer(updateProgress(1));
        queue.offer(OutgoingFrame.Text.of("other:x", new CoalesceKey("other", "x")));
        queue.offer(progress("x", 1));
        queue.offer(updateProgress(2));
        // full: update:1 goes (update:2 is newer); x's download progress and the other event's x stay
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("last")));
        assertEquals(List.of("other:x", "x:1", "update:2", "last"), drain(queue));
    }

    @Test
    void collapseThatFreesNothingRefuses() {
        FrameQueue queue = queue(2);
        queue.offer(progress("x", 1));
        queue.offer(progress("y", 1));
        assertEquals(FrameQueue.Offer.FULL, queue.offer(text("other")));
        assertEquals(2, queue.size());
    }

    @Test
    void bytesBoundTheQueueAsMessagesDo() {
        OutgoingFrame.Text a = text("aaaa");
        FrameQueue queue = queue(100, 3 * a.weight());
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(a));
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("bbbb")));
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("cccc")));
        assertEquals(FrameQueue.Offer.FULL, queue.offer(text("d")), "one byte more than the budget");
        assertEquals("aaaa", json((OutgoingFrame.Text) queue.poll()));
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("dddd")), "a taken message gave its bytes back");
        assertEquals(List.of("bbbb", "cccc", "dddd"), drain(queue));
        for (String each : List.of("eeee", "ffff", "gggg")) {
            assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text(each)), "drained, it holds its budget again");
        }
    }

    @Test
    void aMessageLargerThanTheBudgetStillFitsAnEmptyQueue() {
        FrameQueue queue = queue(100, 10);
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("larger than ten bytes")));
        assertEquals(FrameQueue.Offer.FULL, queue.offer(text("x")));
        drain(queue);
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(text("again, larger than ten")));
    }

    @Test
    void collapsedProgressGivesItsBytesBack() {
        OutgoingFrame.Text first = progress("x", 1);
        FrameQueue queue = queue(100, 2 * first.weight());
        queue.offer(first);
        queue.offer(progress("y", 1));
        assertEquals(FrameQueue.Offer.QUEUED, queue.offer(progress("x", 2)), "x:1 gave its bytes to make room");
        assertEquals(List.of("y:1", "x:2"), drain(queue));
    }

    @Test
    void closingOrEndingForgetsWhatWaited() {
        FrameQueue discarding = queue(8, 1000);
        discarding.offer(text("a"));
        assertTrue(discarding.ping());
        assertTrue(discarding.pong(new byte[] {1}));
        discarding.close(new OutgoingFrame.Close(1001, "bye"), true);
        assertEquals(0, discarding.size());
        assertEquals(List.of("CLOSE 1001"), drain(discarding), "only the close frame is left");
        FrameQueue ended = queue(8, 1000);
        ended.offer(text("a"));
        ended.end();
        assertEquals(0, ended.size());
    }

    @Test
    void aQueueNeedsRoomForAtLeastOneMessageAndOneByte() {
        assertThrows(IllegalArgumentException.class, () -> new QueueLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new QueueLimits(1, 0));
        assertEquals(new QueueLimits(3, 30), new QueueLimits(1, 10).plus(2, 20), "a replay's room comes on top");
        assertEquals(FrameQueue.Offer.QUEUED, queue(1, 1).offer(text("a")));
    }

    @Test
    void controlFramesJumpTheLineAndDoNotCount() {
        FrameQueue queue = queue(1);
        queue.offer(text("a"));
        queue.ping();
        queue.pong(new byte[] {1});
        queue.pong(new byte[] {2});
        assertEquals(List.of("PONG", "PING", "a"), drain(queue));
    }

    @Test
    void closeComesAfterPendingMessagesUnlessDiscarded() {
        FrameQueue flushing = queue(8);
        flushing.offer(text("a"));
        assertEquals(FrameQueue.Closing.STARTED, flushing.close(new OutgoingFrame.Close(1001, "bye"), false));
        assertEquals(FrameQueue.Closing.ALREADY, flushing.close(new OutgoingFrame.Close(1008, "again"), true),
                "only the first close counts");
        assertFalse(flushing.ping(), "no ping after the close frame");
        assertFalse(flushing.pong(new byte[0]), "no pong after the close frame");
        assertEquals(FrameQueue.Offer.CLOSED, flushing.offer(text("late")));
        assertEquals(List.of("a", "CLOSE 1001"), drain(flushing));

        FrameQueue discarding = queue(8);
        discarding.offer(text("a"));
        discarding.close(new OutgoingFrame.Close(1008, "slow consumer"), true);
        assertEquals(List.of("CLOSE 1008"), drain(discarding));
    }

    @Test
    void textsWaitingRightAfterEachOtherAreTakenTogetherButNotPastAControlFrame() {
        FrameQueue queue = queue(8);
        queue.offer(text("a"));
        queue.offer(text("b"));
        assertEquals("a", json((OutgoingFrame.Text) queue.poll()));
        assertEquals("b", json(queue.pollTextIfNext()));
        assertNull(queue.pollTextIfNext(), "nothing more waits");
        queue.offer(text("c"));
        queue.ping();
        assertNull(queue.pollTextIfNext(), "the ping goes first");
        assertEquals(List.of("PING", "c"), drain(queue));
        queue.offer(text("d"));
        queue.pong(new byte[] {1});
        assertNull(queue.pollTextIfNext(), "the pong goes first");
    }

    @Test
    void hasWorkWhileAnythingWaitsAndNeverOnceFinished() {
        FrameQueue queue = queue(8);
        assertFalse(queue.hasWork());
        queue.ping();
        assertTrue(queue.hasWork());
        drain(queue);
        assertFalse(queue.hasWork());
        queue.pong(new byte[0]);
        assertTrue(queue.hasWork());
        drain(queue);
        queue.offer(text("a"));
        assertTrue(queue.hasWork());
        drain(queue);
        assertEquals(FrameQueue.Closing.STARTED, queue.close(new OutgoingFrame.Close(1000, "bye"), false));
        assertTrue(queue.hasWork(), "the close frame waits");
        assertFalse(queue.finished());
        drain(queue);
        assertFalse(queue.hasWork());
        assertTrue(queue.finished());
    }

    @Test
    void nothingIsHandedOutAfterTheCloseFrameOrTheEnd() {
        FrameQueue closed = queue(8);
        assertEquals(FrameQueue.Closing.STARTED, closed.close(new OutgoingFrame.Close(1000, "bye"), false));
        assertEquals(List.of("CLOSE 1000"), drain(closed));
        assertFalse(closed.ping());
        assertEquals(List.of(), drain(closed));

        FrameQueue ended = queue(8);
        ended.offer(text("a"));
        ended.end();
        assertEquals(List.of(), drain(ended));
        assertTrue(ended.finished());
        assertEquals(0, ended.size());
        assertEquals(FrameQueue.Offer.CLOSED, ended.offer(text("late")));
        assertFalse(ended.pong(new byte[0]));
        assertEquals(FrameQueue.Closing.ALREADY, ended.close(new OutgoingFrame.Close(1000, "bye"), false));
    }
}
