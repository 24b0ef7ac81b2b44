package dev.jamra.server.websocket.delivery;

/**
 * One client's socket, as the channel needs it; the transport implements it (the {@code helidon} package, over a
 * Helidon WebSocket session). The writing methods are called by one thread at a time per socket (its
 * {@link ConnectionWriter} sees to that); {@link #cut()}, {@link #isOpen()} and {@link #awaitEnd} from any thread.
 */
public interface ClientSocket {

    /**
     * Writes complete WebSocket frames the channel made ({@link OutgoingFrame.Text#frame()}, one or several
     * joined), whole, in one write. Blocks while the client does not read; throws when the socket is gone.
     */
    void write(byte[] frames);

    /** Sends a ping frame with an empty payload. */
    void ping();

    /** Sends a pong frame echoing {@code payload}. */
    void pong(byte[] payload);

    /** Sends the close frame; the connection ends when the client answers it, or when the socket is cut. */
    void close(int code, String reason);

    /** Closes the socket at once, without a close frame: a write blocked on it fails. */
    void cut();

    /** Whether the transport still serves the socket: false once it ended, whoever ended it and however. */
    boolean isOpen();

    /**
     * Waits until the socket ended, until {@code deadlineNanos} ({@link System#nanoTime()}) at the latest.
     *
     * @return whether it ended
     */
    boolean awaitEnd(long deadlineNanos);

    /** Where the client connects from, for the log. */
    String peer();
}
