package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FanOutWritersTest {

    private static ConnectionWriter queued(RecordingSocket socket, String json) {
        ConnectionWriter writer = new ConnectionWriter("c", new SessionSocket(socket, socket), 8, ChannelMetrics.NONE,
                () -> { });
        writer.queueBroadcast(OutgoingFrame.Text.of(json, null));
        return writer;
    }

    @Test
    void aPassReachesEveryRecipientWithOneThreadPerFewHundredUpToTheLimit() {
        FanOutWriters fanOut = new FanOutWriters(2);
        List<RecordingSocket> sockets = new ArrayList<>();
        List<ConnectionWriter> recipients = new ArrayList<>();
        for (int i = 0; i < 3 * FanOutWriters.RECIPIENTS_PER_THREAD; i++) {
            RecordingSocket socket = new RecordingSocket(false);
            sockets.add(socket);
            recipients.add(queued(socket, "e"));
        }
        fanOut.write(recipients);
        Await.until(() -> sockets.stream().allMatch(s -> s.writes.equals(List.of("e"))), "every recipient got it");
        Await.until(() -> fanOut.activeThreads() == 0 && fanOut.activePasses() == 0, "the pass is over");
        Set<String> threads = new HashSet<>();
        sockets.forEach(s -> threads.addAll(s.writingThreads));
        assertThat("at most two threads, both of the pass", threads, everyItem(startsWith(FanOutWriters.THREAD_PREFIX)));
        assertThat(threads.size(), lessThanOrEqualTo(2));
    }

    @Test
    void aSmallPassTakesOneThread() {
        FanOutWriters fanOut = new FanOutWriters(4);
        List<RecordingSocket> sockets = List.of(new RecordingSocket(false), new RecordingSocket(false));
        fanOut.write(List.of(queued(sockets.get(0), "a"), queued(sockets.get(1), "b")));
        Await.until(() -> sockets.stream().allMatch(s -> s.writes.size() == 1), "both got theirs");
        assertEquals(sockets.get(0).writingThreads, sockets.get(1).writingThreads, "one thread wrote both");
    }

    @Test
    void aPassBlockedOnOneClientGetsAnotherThreadWhenItHasNotMovedBetweenTwoChecks() {
        FanOutWriters fanOut = new FanOutWriters(1);
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
        fanOut.checkProgress();  // the first look only notes where the pass is
        assertEquals(1, fanOut.activeThreads());
        assertEquals(0, others.stream().mapToInt(s -> s.writes.size()).sum(), "nobody else was reached yet");

        fanOut.checkProgress();  // no move since the last look: one more thread
        Await.until(() -> others.stream().allMatch(s -> s.writes.equals(List.of("o"))), "the others got it");
        Await.until(() -> fanOut.activeThreads() == 1, "only the blocked thread is left");

        stalled.release.countDown();
        Await.until(() -> fanOut.activeThreads() == 0 && fanOut.activePasses() == 0, "both threads ended");
        assertEquals(List.of("s"), stalled.writes);
        fanOut.checkProgress();
        assertEquals(0, fanOut.activeThreads(), "a finished pass gets no thread");
    }

    @Test
    void anEmptyPassStartsNothingAndTheLimitMustBePositive() {
        FanOutWriters fanOut = new FanOutWriters(1);
        fanOut.write(List.of());
        assertEquals(0, fanOut.activePasses());
        assertEquals(0, fanOut.activeThreads());
        assertThrows(IllegalArgumentException.class, () -> new FanOutWriters(0));
    }
}
