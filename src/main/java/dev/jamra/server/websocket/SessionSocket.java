package dev.jamra.server.websocket;

import java.util.List;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

/**
 * What the channel does to a connection's socket, and the only class that reaches past Helidon's public
 * WebSocket API to do it. Two things need Helidon's server internals, both checked by {@code SessionSocketTest}
 * against a real server so that an upgrade that changes them fails a test instead of slowing or hanging
 * connections:
 * <ul>
 *     <li>a session's {@code socketContext()} is a {@link ConnectionContext}, whose {@code dataWriter()} writes
 *     bytes to the socket as they are: an event's frame is built once and the same bytes go to every
 *     connection, instead of the session encoding and copying the text again per connection;</li>
 *     <li>a session is a {@link ServerConnection}, whose {@code close(true)} interrupts Helidon's thread for the
 *     socket, which closes the socket, so that a client that stopped reading is cut off without waiting for
 *     it.</li>
 * </ul>
 * Without them (a session that is neither, as in unit tests) text goes through {@link WsSession#send} and a cut
 * only stops further writes.
 */
final class SessionSocket {
    private final WsSession session;
    private final DataWriter rawWriter;  // null when the session offers none

    SessionSocket(WsSession session) {
        this(session, session.socketContext() instanceof ConnectionContext context ? context.dataWriter() : null);
    }

    /** A session whose text frames go to {@code rawWriter} when it is not null; for tests. */
    SessionSocket(WsSession session, DataWriter rawWriter) {
        this.session = session;
        this.rawWriter = rawWriter;
    }

    /** Whether frames are written as ready-made bytes, the way the channel is meant to run. */
    boolean writesRawFrames() {
        return rawWriter != null;
    }

    /** Whether {@link #cut()} closes the socket itself. */
    boolean canCut() {
        return session instanceof ServerConnection;
    }

    /**
     * Writes text messages in one go: their frames in a single socket write, which the socket's write lock keeps
     * whole beside the control frames Helidon itself may send.
     */
    void writeTexts(List<OutgoingFrame.Text> texts) {
        if (rawWriter == null) {
            texts.forEach(text -> session.send(text.json(), true));
            return;
        }
        if (texts.size() == 1) {
            rawWriter.writeNow(BufferData.create(texts.getFirst().frame()));
            return;
        }
        int length = 0;
        for (OutgoingFrame.Text text : texts) {
            length += text.frame().length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (OutgoingFrame.Text text : texts) {
            System.arraycopy(text.frame(), 0, joined, at, text.frame().length);
            at += text.frame().length;
        }
        rawWriter.writeNow(BufferData.create(joined));
    }

    void ping() {
        session.ping(BufferData.empty());
    }

    void pong(byte[] payload) {
        session.pong(BufferData.create(payload));
    }

    void close(int code, String reason) {
        session.close(code, reason);
    }

    /** Closes the socket without waiting for the client; a write blocked on it fails. */
    void cut() {
        if (session instanceof ServerConnection connection) {
            connection.close(true);
        }
    }
}
