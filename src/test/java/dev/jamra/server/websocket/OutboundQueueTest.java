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
    private static List<String> drain(OutboundQueue queue) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        Outbound next;
        while ((next = queue.next(0)) != null) {
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
    void keepsOrderUpToCapacityThenRefuses() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue(3);
        assertEquals(OutboundQueue.Offer.START_WRITER, queue.offer(text("a")));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("b")));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("c")));
        assertEquals(OutboundQueue.Offer.FULL, queue.offer(text("d")));
        assertEquals(List.of("a", "b", "c"), drain(queue));
    }

    @Test
    void fullQueueCollapsesProgressToTheNewestPerDownload() throws InterruptedException {
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
    void controlFramesJumpTheLineAndDoNotCount() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue(1);
        queue.offer(text("a"));
        queue.ping();
        queue.pong(new byte[] {1});
        queue.pong(new byte[] {2});
        assertEquals(List.of("PONG", "PING", "a"), drain(queue));
    }

    @Test
    void closeComesAfterPendingMessagesUnlessDiscarded() throws InterruptedException {
        OutboundQueue flushing = new OutboundQueue(8);
        flushing.offer(text("a"));
        assertEquals(Boolean.FALSE, flushing.close(new Outbound.Close(1001, "bye"), false), "a writer was started");
        assertEquals(null, flushing.close(new Outbound.Close(1008, "again"), true), "only the first close counts");
        assertEquals(OutboundQueue.Offer.CLOSED, flushing.offer(text("late")));
        assertEquals(List.of("a", "CLOSE 1001"), drain(flushing));

        OutboundQueue discarding = new OutboundQueue(8);
        discarding.offer(text("a"));
        discarding.close(new Outbound.Close(1008, "slow consumer"), true);
        assertEquals(List.of("CLOSE 1008"), drain(discarding));
    }

    @Test
    void theFirstWorkStartsAWriterAndLaterWorkJoinsIt() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue(8);
        assertEquals(OutboundQueue.Offer.START_WRITER, queue.offer(text("a")));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("b")), "the running writer will take it");
        assertFalse(queue.ping());
        assertEquals(List.of("PING", "a", "b"), drain(queue));
        assertTrue(queue.ping(), "the writer gave up its claim when it found nothing: new work, a new writer");
    }

    @Test
    void aLingeringWriterIsWokenByNewWork() throws Exception {
        OutboundQueue queue = new OutboundQueue(8);
        assertEquals(OutboundQueue.Offer.START_WRITER, queue.offer(text("a")));
        List<Outbound> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Outbound next;
                while ((next = queue.next(java.util.concurrent.TimeUnit.SECONDS.toNanos(30))) != null) {
                    taken.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dev.jamra.server.testing.Await.until(() -> taken.size() == 1, "the writer took the first message");
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("b")), "the writer is still there, waiting");
        dev.jamra.server.testing.Await.until(() -> taken.size() == 2, "the waiting writer took the second");
        queue.end();
        writer.join();
    }

    @Test
    void nothingIsHandedOutAfterTheCloseFrameOrTheEnd() throws InterruptedException {
        OutboundQueue closed = new OutboundQueue(8);
        assertEquals(Boolean.TRUE, closed.close(new Outbound.Close(1000, "bye"), false));
        assertEquals(List.of("CLOSE 1000"), drain(closed));
        assertFalse(closed.ping());
        assertEquals(List.of(), drain(closed));

        OutboundQueue ended = new OutboundQueue(8);
        ended.offer(text("a"));
        ended.end();
        assertEquals(List.of(), drain(ended));
        assertEquals(OutboundQueue.Offer.CLOSED, ended.offer(text("late")));
    }
}
