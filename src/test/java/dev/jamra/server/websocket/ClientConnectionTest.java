package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.testing.Await;

import io.helidon.websocket.WsSession;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientConnectionTest {

    private final ClientConnection connection = new ClientConnection("s1", new DiscardingSession(), 8,
            Thread.currentThread(), c -> { });

    /** Stands for Helidon's thread for a socket: it runs until the socket closes, here until {@code closed}. */
    private static Thread socketThreadOpenUntil(CountDownLatch closed) {
        return Thread.ofPlatform().start(() -> {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void withNoIntervalAPingIsDueAtEveryLookAndWithALongOneNotAtTheFirst() {
        assertTrue(connection.pingDue(0), "due at once with no interval");
        assertTrue(connection.pingDue(0), "and again");
        ClientConnection other = new ClientConnection("s9", new DiscardingSession(), 8, Thread.currentThread(),
                c -> { });
        assertFalse(other.pingDue(TimeUnit.HOURS.toNanos(1)), "the first one is somewhere in the next hour");
    }

    @Test
    void firstPingsAreSpreadOverOneIntervalThenComeAnIntervalApart() {
        long interval = TimeUnit.MILLISECONDS.toNanos(300);
        List<ClientConnection> opened = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            opened.add(new ClientConnection("p" + i, new DiscardingSession(), 8, Thread.currentThread(), c -> { }));
        }
        long start = System.nanoTime();
        Map<ClientConnection, Long> firstDue = new HashMap<>();
        while (firstDue.size() < opened.size() && System.nanoTime() - start < Await.TIMEOUT.toNanos()) {
            for (ClientConnection c : opened) {
                if (!firstDue.containsKey(c) && c.pingDue(interval)) {
                    firstDue.put(c, System.nanoTime() - start);
                    assertFalse(c.pingDue(interval), "the next one is an interval later");
                }
            }
        }
        assertEquals(opened.size(), firstDue.size(), "every connection was pinged");
        LongSummaryStatistics due = firstDue.values().stream().mapToLong(Long::longValue).summaryStatistics();
        assertThat("spread over the interval, not all at once", due.getMax() - due.getMin(),
                greaterThan(interval / 4));
        assertThat("all within one interval (and a busy machine's delay)", due.getMax(),
                lessThan(interval + TimeUnit.SECONDS.toNanos(2)));
    }

    @Test
    void subscriptionsSayWhetherTheyChangedAnything() {
        assertTrue(connection.subscribe("dl-1"));
        assertFalse(connection.subscribe("dl-1"));
        assertEquals(Set.of("dl-1"), connection.subscriptions());
        assertTrue(connection.unsubscribe("dl-1"));
        assertFalse(connection.unsubscribe("dl-1"));
        assertFalse(connection.unsubscribe("never"));
    }

    @Test
    void endingCancelsTheCloseDeadline() {
        assertFalse(connection.isEnded());
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        ScheduledFuture<?> handle = new DeadlineStub(deadline);
        connection.closeDeadline(handle);
        connection.end();
        assertTrue(deadline.isCancelled(), "the deadline was cancelled");
        assertEquals(FrameQueue.Offer.CLOSED, connection.writer().send(OutgoingFrame.Text.of("{}", null)));
    }

    @Test
    void awaitClosedWaitsForTheCloseFrameAndThenForTheSocketThread() throws Exception {
        CountDownLatch socketOpen = new CountDownLatch(1);
        Thread socketThread = socketThreadOpenUntil(socketOpen);
        ClientConnection closing = new ClientConnection("s2", new DiscardingSession(), 8, socketThread, c -> { });
        assertFalse(closing.awaitClosed(System.nanoTime()), "no close frame yet");
        closing.close(1000, "bye", false);
        assertFalse(closing.awaitClosed(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)),
                "the close frame went out but the socket's thread still runs");
        socketOpen.countDown();
        assertTrue(closing.awaitClosed(System.nanoTime() + Await.TIMEOUT.toNanos()));
    }

    @Test
    void aWriteThatFailsIsReportedWithItsReason() {
        AtomicReference<ClientConnection> failed = new AtomicReference<>();
        ClientConnection broken = new ClientConnection("s3", new DiscardingSession() {
            @Override
            public WsSession send(String text, boolean last) {
                throw new IllegalStateException("socket closed");
            }
        }, 8, Thread.currentThread(), failed::set);
        broken.writer().send(OutgoingFrame.Text.of("{}", null));
        Await.until(() -> failed.get() == broken, "the failure was reported");
        assertEquals("write failed", broken.closeReason());
    }

    /** A close deadline the test can watch being cancelled. */
    private record DeadlineStub(CompletableFuture<Void> future) implements ScheduledFuture<Void> {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return 0;
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            return future.cancel(mayInterrupt);
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public Void get() {
            return null;
        }

        @Override
        public Void get(long timeout, TimeUnit unit) {
            return null;
        }
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
    void silenceCountsFromTheLastFrameHeardAndTheSocketThreadTellsWhetherTheSocketLives() throws Exception {
        CountDownLatch socketOpen = new CountDownLatch(1);
        Thread socketThread = socketThreadOpenUntil(socketOpen);
        long opened = System.nanoTime();
        ClientConnection quiet = new ClientConnection("s5", new DiscardingSession(), 8, socketThread, c -> { });
        assertEquals("s5", quiet.sessionId());
        assertTrue(quiet.toString().contains("s5"), quiet.toString());
        Await.until(() -> quiet.silentNanos() > 0, "silence grows from the opening");
        assertThat(quiet.silentNanos(), lessThanOrEqualTo(System.nanoTime() - opened));
        long heard = System.nanoTime();
        quiet.heard();
        assertThat("counted again from the frame heard", quiet.silentNanos(),
                lessThanOrEqualTo(System.nanoTime() - heard));

        assertTrue(quiet.socketAlive());
        socketOpen.countDown();
        socketThread.join(Await.TIMEOUT.toMillis());
        assertFalse(quiet.socketAlive(), "its thread ended with the socket");
    }

    @Test
    void anUnfinishedMessageIsTimedFromItsFirstFrame() {
        assertEquals(0, connection.unfinishedMessageNanos());
        connection.messageStarted();
        Await.until(() -> connection.unfinishedMessageNanos() > 0, "the clock runs from the first frame");
        long first = connection.unfinishedMessageNanos();
        connection.messageStarted();  // a later frame of the same message does not restart the clock
        assertTrue(connection.unfinishedMessageNanos() >= first);
        connection.messageFinished();
        assertEquals(0, connection.unfinishedMessageNanos());
    }
}
