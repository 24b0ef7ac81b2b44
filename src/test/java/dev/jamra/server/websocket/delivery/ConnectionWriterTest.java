package dev.jamra.server.websocket.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionWriterTest {

    private final AtomicInteger failures = new AtomicInteger();

    private ConnectionWriter writer(RecordingSocket socket, int capacity) {
        return new ConnectionWriter("s1", socket, new QueueLimits(capacity, Long.MAX_VALUE), DeliveryMeter.NONE,
                failures::incrementAndGet);
    }

    private static OutgoingFrame.Text text(String json) {
        return OutgoingFrame.Text.of(json, null);
    }

    @Test
    void aMessageOfItsOwnIsWrittenByAThreadThatEndsWhenNothingWaits() {
        RecordingSocket socket = new RecordingSocket(false);
        ConnectionWriter writer = writer(socket, 8);
        assertEquals(FrameQueue.Offer.QUEUED, writer.send(text("a")));
        Await.until(() -> socket.writes.equals(List.of("a")), "the message was written");
        assertThat(socket.writingThreads, everyItem(startsWith(ConnectionWriter.THREAD_PREFIX + "s1")));
        Await.until(socket::writersEnded, "the writing thread ended: none is kept while idle");
        writer.send(text("b"));
        Await.until(() -> socket.writes.equals(List.of("a", "b")), "the next message starts another thread");
        assertEquals(2, socket.threads.size());
    }

    @Test
    void aBroadcastWaitsForAFanOutPassAndIsWrittenOnItsThread() {
        RecordingSocket socket = new RecordingSocket(false);
        ConnectionWriter writer = writer(socket, 8);
        assertEquals(FrameQueue.Offer.QUEUED, writer.queueBroadcast(text("b")));
        assertEquals(1, writer.queueDepth(), "queuing a broadcast starts nothing");
        writer.drainHere();
        assertEquals(List.of("b"), socket.writes, "written on the calling thread before drainHere returns");
        assertEquals(Set.of(Thread.currentThread()), socket.threads);
        assertEquals(0, writer.queueDepth());
    }

    @Test
    void aHeartbeatPingWaitsForAFanOutPassLikeABroadcast() {
        RecordingSocket socket = new RecordingSocket(false);
        ConnectionWriter writer = writer(socket, 8);
        assertTrue(writer.queuePing());
        writer.queueBroadcast(text("b"));
        assertEquals(List.of(), socket.writes, "queuing a ping starts nothing");
        writer.drainHere();
        assertEquals(List.of("PING", "b"), socket.writes);
        writer.close(1000, "bye", false);
        assertFalse(writer.queuePing(), "no ping once closing");
    }

    @Test
    void textsThatWaitedAreJoinedIntoOneWriteInOrder() {
        RecordingSocket socket = new RecordingSocket(true);
        ConnectionWriter writer = writer(socket, 8);
        writer.send(text("1"));
        Await.until(() -> socket.writing.get() == 1, "the first write is blocked");
        writer.send(text("2"));
        writer.send(text("3"));
        writer.queueBroadcast(text("4"));
        socket.release.countDown();
        Await.until(() -> socket.writes.size() == 2, "two writes");
        assertEquals(List.of("1", "2+3+4"), socket.writes);
    }

    @Test
    void neverTwoThreadsWriteAtOnceAndNothingIsLost() throws Exception {
        RecordingSocket socket = new RecordingSocket(false);
        ConnectionWriter writer = writer(socket, 1_000_000);
        int producers = 4;
        int perProducer = 5_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            boolean fanOut = p % 2 == 0;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    if (fanOut) {
                        writer.queueBroadcast(text("m"));
                        writer.drainHere();
                    } else {
                        writer.send(text("m"));
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        Await.until(() -> written(socket) == producers * perProducer, "every message was written");
        assertEquals(1, socket.mostWritingAtOnce.get(), "never two writers at once");
        Await.until(() -> socket.threads.stream().filter(t -> t.getName().startsWith(ConnectionWriter.THREAD_PREFIX))
                .noneMatch(Thread::isAlive), "and no writer thread is left");
    }

    @Test
    void theCloseFrameGoesLastAndEndsTheWriter() {
        RecordingSocket socket = new RecordingSocket(false);
        ConnectionWriter writer = writer(socket, 8);
        writer.queueBroadcast(text("a"));
        assertEquals(FrameQueue.Closing.STARTED, writer.close(1001, "bye", false));
        assertEquals(FrameQueue.Closing.ALREADY, writer.close(1008, "again", true));
        assertTrue(writer.awaitFinished(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
        assertEquals(List.of("a", "CLOSE 1001"), socket.writes);
        assertEquals(FrameQueue.Offer.CLOSED, writer.send(text("late")));
    }

    @Test
    void aFailedWriteIsReportedOnceAndEndsTheWriter() {
        RecordingSocket socket = new RecordingSocket(false);
        socket.fail = true;
        ConnectionWriter writer = writer(socket, 8);
        writer.send(text("a"));
        assertTrue(writer.awaitFinished(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
        Await.until(() -> failures.get() == 1, "the failure was reported");  // right after the writer finished
        assertEquals(FrameQueue.Offer.CLOSED, writer.send(text("b")), "nothing more is taken");
        assertEquals(1, failures.get());
    }

    @Test
    void awaitFinishedGivesUpAtTheDeadlineWhileOpen() {
        ConnectionWriter writer = writer(new RecordingSocket(false), 8);
        assertFalse(writer.awaitFinished(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
        writer.end();
        assertTrue(writer.awaitFinished(System.nanoTime()));
        assertEquals(FrameQueue.Offer.CLOSED, writer.queueBroadcast(text("late")), "an ended writer takes nothing");
    }

    @Test
    void cuttingInterruptsTheWritersOwnThreadBlockedOnTheSocket() {
        RecordingSocket socket = new RecordingSocket(true);
        socket.cutFailsWrites = false;  // only the interrupt can free the write
        ConnectionWriter writer = writer(socket, 8);
        writer.send(text("a"));
        Await.until(() -> socket.writing.get() == 1, "the write is blocked");
        writer.cut();
        assertTrue(socket.wasCut());
        assertTrue(writer.awaitFinished(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)), "the write failed");
        Await.until(() -> failures.get() == 1, "the failure was reported");
        Await.until(socket::writersEnded, "the thread ended");
    }

    private static int written(RecordingSocket socket) {
        return socket.writes.stream().mapToInt(w -> w.split("\\+").length).sum();
    }
}
