package dev.jamra.server.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jamra.server.testing.Await;

import io.helidon.websocket.WsSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientConnectionTest {

    /** A session that records the text it is asked to send (it has no socket, so text goes through it). */
    private static final class RecordingSession extends DiscardingSession {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public WsSession send(String text, boolean last) {
            sent.add(text);
            return this;
        }
    }

    @Test
    void aRetiredWriterIsNotKeptAndTheNextMessageStartsAnother() {
        RecordingSession session = new RecordingSession();
        ClientConnection connection = new ClientConnection("s1", session, 8, Thread.currentThread(), c -> { });

        connection.send(Outbound.Text.of("{\"n\":1}", null));
        Await.until(() -> session.sent.size() == 1, "the writer sent the first message");
        assertTrue(connection.hasWriter(), "the writer stays, parked, while the stream may go on");

        Await.until(() -> {
            connection.retireIdleWriter(0);  // retires only a parked writer: ask until it has parked
            return !connection.hasWriter();
        }, "the retired writer is let go, so the connection holds no thread");

        connection.send(Outbound.Text.of("{\"n\":2}", null));
        Await.until(() -> session.sent.size() == 2, "a new writer sent the second message");
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), session.sent);
        connection.end();
        Await.until(() -> !connection.hasWriter(), "the writer of an ended connection is let go");
    }
}
