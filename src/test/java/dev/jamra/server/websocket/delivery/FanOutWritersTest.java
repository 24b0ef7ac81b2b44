package dev.jamra.server.websocket.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FanOutWritersTest {

    /** The progress checks the writers asked for; the test runs them when it wants. */
    private final List<Runnable> checks = new CopyOnWriteArrayList<>();
    /** Every thread the writers started, in order. */
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private final ThreadFactory threads = task -> {
        Thread thread = Thread.ofVirtual().name(FanOutWriters.THREAD_PREFIX + (started.size() + 1)).unstarted(task);
        started.add(thread);
        return thread;
    };

    private FanOutWriters fanOut(int parallelism) {
        return new FanOutWriters(parallelism, Duration.ofMillis(5), (delay, check) -> checks.add(check), threads);
    }

    private long alive() {
        return started.stream().filter(Thread::isAlive).count();
    }

    private static ConnectionWriter queued(RecordingSocket socket, String json) {
        ConnectionWriter writer = new ConnectionWriter("c", socket, new QueueLimits(8, Long.MAX_VALUE),
                DeliveryMeter.NONE, () -> { });
        writer.queueBroadcast(OutgoingFrame.Text.of(json, null));
        return writer;
    }

    private static boolean idle(FanOutWriters fanOut) {
        return fanOut.awaitIdle(System.nanoTime() + Await.TIMEOUT.toNanos());
    }

    @Test
    void aPassReachesEveryRecipientWithAtMostTheParallelismInThreads() {
        FanOutWriters fanOut = fanOut(2);
        List<RecordingSocket> sockets = new ArrayList<>();
        List<ConnectionWriter> recipients = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            RecordingSocket socket = new RecordingSocket(false);
            sockets.add(socket);
            recipients.add(queued(socket, "e"));
        }
        fanOut.write(recipients);
        Await.until(() -> sockets.stream().allMatch(s -> s.writes.equals(List.of("e"))), "every recipient got it");
        assertTrue(idle(fanOut), "the pass is over and its threads ended");
        Set<Thread> writers = new HashSet<>();
        sockets.forEach(s -> writers.addAll(s.threads));
        assertTrue(started.containsAll(writers), "only the writers' own threads wrote");
        assertThat(started.size(), lessThanOrEqualTo(2));
    }

    @Test
    void aSmallPassTakesOneThread() {
        FanOutWriters fanOut = fanOut(4);
        List<RecordingSocket> sockets = List.of(new RecordingSocket(false), new RecordingSocket(false));
        fanOut.write(List.of(queued(sockets.get(0), "a"), queued(sockets.get(1), "b")));
        Await.until(() -> sockets.stream().allMatch(s -> s.writes.size() == 1), "both got theirs");
        assertEquals(sockets.get(0).threads, sockets.get(1).threads, "one thread wrote both");
        assertEquals(1, started.size());
    }

    @Test
    void aPassTakesOneThreadPerRecipientsPerThread() {
        for (int extra : new int[] {0, 1}) {
            started.clear();
            FanOutWriters fanOut = fanOut(4);
            RecordingSocket gate = new RecordingSocket(true);  // holds the first thread, so a second is needed
            List<ConnectionWriter> recipients = new ArrayList<>();
            recipients.add(queued(gate, "g"));
            for (int i = 1; i < FanOutWriters.RECIPIENTS_PER_THREAD + extra; i++) {
                recipients.add(queued(new RecordingSocket(false), "e"));
            }
            fanOut.write(recipients);
            Await.until(() -> gate.writing.get() == 1, "the first thread is held");
            int threads = started.size();
            gate.release.countDown();
            assertTrue(idle(fanOut), "the pass is over");
            assertEquals(1 + extra, threads, recipients.size() + " recipients");
        }
    }

    @Test
    void passesAreWorkedInPublishingOrder() {
        FanOutWriters fanOut = fanOut(1);
        RecordingSocket gate = new RecordingSocket(true);
        fanOut.write(List.of(queued(gate, "first")));
        Await.until(() -> gate.writing.get() == 1, "the only thread is held by the first pass");
        List<String> order = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            RecordingSocket socket = new RecordingSocket(false) {
                @Override
                public void write(byte[] frames) {
                    order.add(name);
                    super.write(frames);
                }
            };
            fanOut.write(List.of(queued(socket, name)));
        }
        assertEquals(1, started.size(), "no thread beyond the parallelism");
        assertFalse(fanOut.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)), "a thread is busy");
        gate.release.countDown();
        Await.until(() -> order.size() == 3, "all three passes were written");
        assertEquals(List.of("a", "b", "c"), order);
        assertTrue(idle(fanOut), "and the thread ended");
        assertEquals(1, started.size(), "one thread did it all");
    }

    @Test
    void aThreadOnOneConnectionSinceBeforeTheLastCheckCountsAsBlockedAndIsReplaced() {
        FanOutWriters fanOut = fanOut(1);
        RecordingSocket stalled = new RecordingSocket(true);
        List<RecordingSocket> others = new ArrayList<>();
        List<ConnectionWriter> recipients = new ArrayList<>(List.of(queued(stalled, "s")));
        for (int i = 0; i < 9; i++) {
            RecordingSocket socket = new RecordingSocket(false);
            others.add(socket);
            recipients.add(queued(socket, "o"));
        }
        fanOut.write(recipients);
        Await.until(() -> stalled.writing.get() == 1, "the only thread is blocked on the stalled client");
        assertEquals(1, checks.size(), "a progress check was asked for");
        checks.removeFirst().run();  // the thread began its write after the previous look: not blocked yet
        assertEquals(1, started.size());
        assertEquals(0, others.stream().mapToInt(s -> s.writes.size()).sum(), "nobody else was reached yet");
        assertEquals(1, checks.size(), "passes still wait: the check asked for the next one");

        checks.removeFirst().run();  // still on the same connection: blocked, so one more thread
        Await.until(() -> others.stream().allMatch(s -> s.writes.equals(List.of("o"))), "the others got it");
        assertEquals(2, started.size());
        Await.until(() -> alive() == 1, "only the blocked thread is left");

        stalled.release.countDown();
        assertTrue(idle(fanOut), "both threads ended");
        assertEquals(List.of("s"), stalled.writes);
        checks.forEach(Runnable::run);
        assertEquals(2, started.size(), "no thread starts when nothing waits");
    }

    @Test
    void blockedThreadsAreReplacedUntilAsManyAsTheParallelismAreFree() {
        FanOutWriters fanOut = fanOut(2);
        List<RecordingSocket> stalled = List.of(new RecordingSocket(true), new RecordingSocket(true));
        List<RecordingSocket> others = new ArrayList<>();
        List<ConnectionWriter> recipients = new ArrayList<>();
        stalled.forEach(socket -> recipients.add(queued(socket, "s")));
        for (int i = 0; i < FanOutWriters.RECIPIENTS_PER_THREAD; i++) {  // enough for a second thread
            RecordingSocket socket = new RecordingSocket(false);
            others.add(socket);
            recipients.add(queued(socket, "o"));
        }
        fanOut.write(recipients);
        Await.until(() -> stalled.stream().allMatch(s -> s.writing.get() == 1), "both threads are blocked");
        checks.removeFirst().run();
        checks.removeFirst().run();  // both blocked since before this look: two more threads
        Await.until(() -> others.stream().allMatch(s -> s.writes.equals(List.of("o"))), "the others got it");
        Await.until(() -> alive() == 2, "the two blocked threads are left");
        stalled.forEach(s -> s.release.countDown());
        assertTrue(idle(fanOut), "all ended");
    }

    @Test
    void aNewPassStartsAThreadAtOnceWhileTheOthersAreBlocked() {
        FanOutWriters fanOut = fanOut(1);
        RecordingSocket stalled = new RecordingSocket(true);
        fanOut.write(List.of(queued(stalled, "s")));
        Await.until(() -> stalled.writing.get() == 1, "the only thread is blocked on the stalled client");
        checks.removeFirst().run();
        checks.removeFirst().run();  // blocked since before this look: marked, and a replacement finds no work
        Await.until(() -> started.size() == 2 && alive() == 1, "the replacement ended");

        RecordingSocket next = new RecordingSocket(false);
        fanOut.write(List.of(queued(next, "n")));
        // no check runs: the blocked thread does not count as one at work
        Await.until(() -> next.writes.equals(List.of("n")), "the next event went out without waiting for a check");
        assertEquals(List.of(), stalled.writes, "while the stalled client still held its thread");

        stalled.release.countDown();
        assertTrue(idle(fanOut), "all ended");
        RecordingSocket after = new RecordingSocket(false);
        int before = started.size();
        fanOut.write(List.of(queued(after, "a")));
        Await.until(() -> after.writes.equals(List.of("a")), "a later event goes out");
        assertTrue(idle(fanOut));
        assertEquals(before + 1, started.size(), "the blocked mark went with its thread: one thread, not two");
    }

    @Test
    void aReplacedThreadEndsOnceItsWriteIsDoneInsteadOfCrowdingTheLine() {
        // a check interval of a nanosecond: any write lasts longer, so a replaced thread always counts as replaced
        FanOutWriters fanOut = new FanOutWriters(1, Duration.ofNanos(1), (delay, check) -> checks.add(check),
                threads);
        RecordingSocket stalled = new RecordingSocket(true);
        RecordingSocket gated = new RecordingSocket(true);
        RecordingSocket last = new RecordingSocket(false);
        fanOut.write(List.of(queued(stalled, "s"), queued(gated, "g"), queued(last, "l")));
        Await.until(() -> stalled.writing.get() == 1, "the first thread is blocked");
        checks.removeFirst().run();
        checks.removeFirst().run();
        Await.until(() -> gated.writing.get() == 1, "its replacement is blocked on the next client");

        stalled.release.countDown();
        Await.until(() -> !started.getFirst().isAlive(), "the first thread ended when its write was done");
        assertEquals(List.of(), last.writes, "it did not go on with the line: the replacement holds it");

        gated.release.countDown();
        Await.until(() -> last.writes.equals(List.of("l")), "the replacement finished the line");
        assertTrue(idle(fanOut), "and ended");
        assertEquals(2, started.size());
    }

    @Test
    void awaitIdleGivesUpAtItsDeadlineAndWakesAsSoonAsTheLastThreadEnds() throws Exception {
        FanOutWriters fanOut = fanOut(1);
        RecordingSocket stalled = new RecordingSocket(true);
        fanOut.write(List.of(queued(stalled, "s")));
        Await.until(() -> stalled.writing.get() == 1, "the thread is blocked");
        assertFalse(fanOut.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)), "still writing");

        long waitNanos = TimeUnit.MINUTES.toNanos(2);
        Thread releaser = Thread.ofVirtual().start(stalled.release::countDown);
        long begun = System.nanoTime();
        assertTrue(fanOut.awaitIdle(begun + waitNanos));
        assertThat("woken when the thread ended, not at the deadline", System.nanoTime() - begun,
                lessThanOrEqualTo(waitNanos / 2));
        releaser.join();
    }

    @Test
    void anEmptyPassStartsNothingAndTheParallelismMustBePositive() {
        FanOutWriters fanOut = fanOut(1);
        fanOut.write(List.of());
        assertEquals(List.of(), started);
        assertEquals(List.of(), checks);
        assertTrue(fanOut.awaitIdle(System.nanoTime()));
        assertThrows(IllegalArgumentException.class, () -> fanOut(0));
    }
}
