package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class OutboundQueueTest {

    private static Outbound.Text text(String json) {
        return new Outbound.Text(json, null);
    }

    private static Outbound.Text progress(String downloadId, int page) {
        return new Outbound.Text(downloadId + ":" + page, downloadId);
    }

    private static List<String> drain(OutboundQueue queue) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        Outbound next;
        while ((next = queue.take(0, TimeUnit.MILLISECONDS)) != null) {
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
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("a")));
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
    void endReleasesAWaitingWriter() throws Exception {
        OutboundQueue queue = new OutboundQueue(8);
        List<Outbound> taken = new ArrayList<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queue.end();
        writer.join();
        assertEquals(1, taken.size());
        assertNull(taken.getFirst(), "an ended queue hands out nothing");
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(text("late")));
    }

    @Test
    void aWaitingWriterGetsTheNextMessage() throws Exception {
        OutboundQueue queue = new OutboundQueue(8);
        List<Outbound> taken = new ArrayList<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queue.offer(text("hello"));
        writer.join();
        assertInstanceOf(Outbound.Text.class, taken.getFirst());
    }
}
