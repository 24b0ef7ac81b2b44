package dev.jamra.server.websocket;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.SocketContext;
import io.helidon.config.Config;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection cap under concurrent opens, and what becomes of the connections it refuses; no sockets. */
class ConnectionCapTest {
    private EventChannel channel;

    private static EventChannel channel(int maxConnections) {
        Config websocket = TestConfig.builtIn(Map.of(
                        "websocket.max-connections", String.valueOf(maxConnections),
                        "websocket.close-timeout", "PT0.2S"))
                .get("websocket");
        return new EventChannel(WebSocketSettings.from(websocket), Clock.systemUTC());
    }

    @AfterEach
    void shutdown() {
        if (channel != null) {
            channel.shutdown();
        }
    }

    /** A session that records how it was closed, and whether its socket was cut. */
    private static class RecordingSession extends DiscardingSession implements ServerConnection {
        final AtomicInteger closeCode = new AtomicInteger();
        final AtomicBoolean cut = new AtomicBoolean();

        @Override
        public WsSession close(int code, String reason) {
            closeCode.set(code);
            return this;
        }

        @Override
        public void handle(Limit limit) {
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            cut.set(true);
        }
    }

    /** Holds the first caller of {@code socketContext()} until a second session's caller gets there too. */
    private static final class MeetingSession extends RecordingSession {
        private final CyclicBarrier meeting;
        private final AtomicBoolean met = new AtomicBoolean();

        MeetingSession(CyclicBarrier meeting) {
            this.meeting = meeting;
        }

        @Override
        public SocketContext socketContext() {
            if (met.compareAndSet(false, true)) {
                try {
                    meeting.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new AssertionError("the other open never came", e);
                }
            }
            return null;
        }
    }

    @Test
    void twoOpensRacingForTheLastPlaceLeaveOneOut() throws InterruptedException {
        channel = channel(1);
        // Both opens are held inside open() until the other arrives: a cap checked before and taken after that
        // point admits both.
        CyclicBarrier meeting = new CyclicBarrier(2);
        Thread first = Thread.ofPlatform().start(() -> channel.open(new MeetingSession(meeting)));
        Thread second = Thread.ofPlatform().start(() -> channel.open(new MeetingSession(meeting)));
        assertTrue(first.join(Await.TIMEOUT) && second.join(Await.TIMEOUT), "both opens returned");
        assertEquals(1, channel.connectionCount(), "at most max-connections are open");
    }

    @Test
    void aConnectionRefusedInOpenIsClosedWith1013AndCutWhenItsPeerDoesNotAnswer() {
        channel = channel(1);
        RecordingSession admitted = new RecordingSession();
        RecordingSession refused = new RecordingSession();
        channel.open(admitted);
        channel.open(refused);
        Await.until(() -> refused.closeCode.get() == 1013, "the refused connection got its close frame");
        Await.until(refused.cut::get, "its peer never answered: the socket is cut after the close timeout");
        assertEquals(1, channel.connectionCount());
        assertEquals(0, admitted.closeCode.get(), "the admitted one is untouched");
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() {
        channel = channel(1);
        RecordingSession one = new RecordingSession();
        ClientConnection first = channel.open(one);
        channel.ended(first);
        RecordingSession two = new RecordingSession();
        channel.open(two);
        assertEquals(1, channel.connectionCount());
        assertEquals(0, two.closeCode.get(), "the second one was admitted");
        assertEquals(0, channel.refusedCount());
    }
}
