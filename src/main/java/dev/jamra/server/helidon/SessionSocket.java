package dev.jamra.server.helidon;

import java.time.Duration;

import dev.jamra.server.websocket.delivery.ClientSocket;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

/**
 * The channel's {@link ClientSocket} over a Helidon WebSocket session. Three things here reach past Helidon
 * 4.5.0's public WebSocket API, each checked against a real server by {@code HelidonReachesTest}, so that an
 * upgrade of Helidon that changes them fails a test instead of slowing, hanging or leaking connections:
 * <ul>
 *     <li><b>Ready-made frames.</b> {@link WsSession#send(String, boolean)} encodes and copies the text again for
 *     every connection and writes one frame at a time. A session's {@code socketContext()} is Helidon's
 *     {@link ConnectionContext}, whose {@code dataWriter()} writes bytes to the socket as they are: an event's frame
 *     is built once and the same bytes go to every connection, several waiting ones in one write. The socket's
 *     write lock keeps them whole beside the control frames the session writes.</li>
 *     <li><b>Cutting.</b> {@link WsSession} has no way to drop a client that stopped reading ({@code terminate()}
 *     works only inside a callback). The session is a {@link ServerConnection}, whose {@code close(true)}
 *     interrupts Helidon's thread for the socket, which closes the socket and fails a write blocked on it.</li>
 *     <li><b>Liveness.</b> Helidon calls no listener method when a peer just drops. It runs {@code onOpen} on its
 *     thread for the socket, which ends when the socket does: that thread, taken here, tells whether the socket
 *     is still served.</li>
 * </ul>
 */
final class SessionSocket implements ClientSocket {
    private final WsSession session;
    private final DataWriter frames;
    private final ServerConnection connection;
    private final Thread socketThread;
    private final String peer;

    private SessionSocket(WsSession session, ConnectionContext context, ServerConnection connection,
                          Thread socketThread) {
        this.session = session;
        this.frames = context.dataWriter();
        this.connection = connection;
        this.socketThread = socketThread;
        this.peer = String.valueOf(context.remotePeer().address());
    }

    /**
     * The socket of {@code session}; called in {@code onOpen}, on Helidon's thread for the socket.
     *
     * @throws IllegalStateException if the session is not what Helidon 4.5.0 makes
     */
    static SessionSocket of(WsSession session) {
        if (session.socketContext() instanceof ConnectionContext context
            && session instanceof ServerConnection connection) {
            return new SessionSocket(session, context, connection, Thread.currentThread());
        }
        throw new IllegalStateException("Helidon's WebSocket session is no longer a ServerConnection with a"
                                        + " ConnectionContext: " + session.getClass().getName());
    }

    @Override
    public void write(byte[] bytes) {
        frames.writeNow(BufferData.create(bytes));
    }

    @Override
    public void ping() {
        session.ping(BufferData.empty());
    }

    @Override
    public void pong(byte[] payload) {
        session.pong(BufferData.create(payload));
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason);
    }

    @Override
    public void cut() {
        connection.close(true);
    }

    @Override
    public boolean isOpen() {
        return socketThread.isAlive();
    }

    @Override
    public boolean awaitEnd(long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        try {
            return remaining > 0 ? socketThread.join(Duration.ofNanos(remaining)) : !socketThread.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String peer() {
        return peer;
    }
}
