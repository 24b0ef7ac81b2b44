package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;

import dev.jamra.server.testing.Await;
import dev.jamra.server.websocket.delivery.RecordingSocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection cap under concurrent opens, and what becomes of the connections it turns away; no sockets. */
class AdmissionTest {

    private static boolean closedWith(RecordingSocket socket, int code) {
        return socket.writes.contains("CLOSE " + code);
    }

    @Test
    void manyOpensRacingForFewPlacesLeaveTheRestOut() throws Exception {
        int places = 5;
        int opens = 20;
        try (TestChannel hub = new TestChannel(Map.of("websocket.max-connections", String.valueOf(places)))) {
            CyclicBarrier start = new CyclicBarrier(opens);
            List<RecordingSocket> sockets = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < opens; i++) {
                RecordingSocket socket = new RecordingSocket();
                socket.answersClose = true;
                sockets.add(socket);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    hub.channel.open(socket, Optional.empty());
                }));
            }
            for (Thread thread : threads) {
                assertTrue(thread.join(Await.TIMEOUT), "the open returned");
            }
            assertEquals(places, hub.channel.connectionCount(), "at most max-connections are open");
            Await.until(() -> sockets.stream().filter(s -> closedWith(s, 1013)).count() == opens - places,
                    "the others were closed with 1013");
            assertTrue(sockets.stream().filter(s -> closedWith(s, 1013))
                    .allMatch(s -> s.closeReason().equals("Too many connections")));
        }
    }

    @Test
    void aConnectionTurnedAwayIsCutWhenItsPeerDoesNotAnswerAndTakesNoPlace() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.max-connections", "1",
                "websocket.close-timeout", "PT5S"))) {
            TestChannel.Client admitted = hub.connect();
            TestChannel.Client turnedAway = hub.connectDeaf();
            TestChannel.Client polite = hub.connect();
            Await.until(() -> closedWith(turnedAway.socket(), 1013), "its close frame went out");
            assertEquals(1013, polite.awaitClose());  // it answers: its socket ends, and the reaper forgets it
            turnedAway.subscribe("dl-1");  // what it sends still finds its way in, and gets nothing: it is closing
            assertEquals(List.of(), turnedAway.socket().texts, "not even connect");
            hub.advance(Duration.ofSeconds(6));
            assertTrue(turnedAway.socket().wasCut(), "its peer never answered: cut after the close timeout");
            assertFalse(polite.socket().wasCut());
            assertEquals(1, hub.channel.connectionCount());
            assertFalse(admitted.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")), "untouched");

            TestChannel.Client another = hub.connect();
            Await.until(() -> closedWith(another.socket(), 1013), "still no place: the ended ones gave none back");
        }
    }

    @Test
    void aConnectionThatEndsGivesItsPlaceBack() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.max-connections", "1"))) {
            TestChannel.Client first = hub.connect();
            first.inbound().close(1000, "bye");
            TestChannel.Client second = hub.connect();
            assertEquals("connect", second.message(0).getString("event"));
            assertEquals(1, hub.channel.connectionCount(), "the second one was admitted");
        }
    }

    @Test
    void onceShutDownNoConnectionIsAdmitted() {
        TestChannel hub = new TestChannel();
        assertTrue(hub.channel.accepting());
        hub.close();
        assertFalse(hub.channel.accepting());
        RecordingSocket late = new RecordingSocket();
        hub.channel.open(late, Optional.empty());
        Await.until(() -> closedWith(late, 1013), "closed at once");
        assertEquals("Server shutting down", late.closeReason());
        assertEquals(0, hub.channel.connectionCount());
    }
}
