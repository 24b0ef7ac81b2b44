package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {

    private static Outbound.Text text(String json) {
        return Outbound.Text.of(json, null);
    }

    private static Outbound.Text progress(String downloadId, int page) {
        return Outbound.Text.of(downloadId + ":" + page, downloadId);
    }

    /** What a writer would send, in order, until the queue has nothing more. */
    private static List<String> drain(OutboundQueue queue) {
        List<String> taken = new ArrayList<>();
        Outbound next;
        while ((next = queue.takeNow()) != null) {
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
        assertEquals(OutboundQueue.Offer.START_WRITER, queue.offer(text("a")));
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
        assertEquals(Boolean.FALSE, flushing.close(new Outbound.Close(1001, "bye"), false), "a writer was started");
        assertEquals(null, flushing.close(new Outbound.Close(1008, "again"), true), "only the first close counts");
        assertEquals(OutboundQueue.Offer.CLOSED, flushing.offer(text("late")));
        assertEquals(List.of("a", "CLOSE 1001"), drain(flushing));

        OutboundQueue discarding = new OutboundQueue(8);
        discarding.offer(text("a"));
        discarding.close(new Outbound.Close(1008, "slow consumer"), true);
        assertEquals(List.of("CLOSE 1008"), drain(discarding));
    }

    /** A writer as ClientConnection runs it: takes frames until the queue lets it go. */
    private static Thread writer(OutboundQueue queue, List<Outbound> taken) {
        return Thread.ofVirtual().start(() -> {
            try {
                Outbound next;
                while ((next = queue.next()) != null) {
                    taken.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void theFirstWorkStartsAWriterAndLaterWorkWakesIt() throws Exception {
        OutboundQueue queue = new OutboundQueue(8);
        assertEquals(OutboundQueue.Offer.START_WRITER, queue.offer(text("a")));
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("b")), "the writer to start will take it");
        List<Outbound> taken = new CopyOnWriteArrayList<>();
        Thread writer = writer(queue, taken);
        Await.until(() -> taken.size() == 2, "the writer took both");
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offer(text("c")), "the parked writer is woken, not replaced");
        assertFalse(queue.ping());
        Await.until(() -> taken.size() == 4, "the woken writer took the rest");
        queue.end();
        writer.join();
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offer(text("late")));
    }

    @Test
    void anIdleWriterIsRetiredAndTheNextWorkStartsAnother() throws Exception {
        OutboundQueue queue = new OutboundQueue(8);
        queue.offer(text("a"));
        List<Outbound> taken = new CopyOnWriteArrayList<>();
        Thread writer = writer(queue, taken);
        Await.until(() -> taken.size() == 1, "the writer took the message");
        Await.until(() -> {
            queue.retireIfIdle(0);
            return !writer.isAlive();
        }, "the idle writer ends when retired");
        assertEquals(OutboundQueue.Offer.START_WRITER, queue.offer(text("b")), "no writer left: start one");
        Thread second = writer(queue, taken);
        Await.until(() -> taken.size() == 2, "the new writer took it");
        queue.end();
        second.join();
    }

    @Test
    void oneWriterAtATimeUnderConcurrentOffersAndRetirement() throws Exception {
        OutboundQueue queue = new OutboundQueue(1_000_000);
        int producers = 4;
        int perProducer = 20_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        Runnable write = () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                while (queue.next() != null) {
                    taken.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    if (queue.offer(text("m")) == OutboundQueue.Offer.START_WRITER) {
                        Thread.ofVirtual().start(write);
                    }
                    if (i % 1000 == 0) {
                        queue.retireIfIdle(0);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        Await.until(() -> taken.get() == producers * perProducer, "every message was taken");
        assertEquals(1, maxRunning.get(), "never two writers at once");
        queue.end();
    }

    @Test
    void nothingIsHandedOutAfterTheCloseFrameOrTheEnd() {
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
