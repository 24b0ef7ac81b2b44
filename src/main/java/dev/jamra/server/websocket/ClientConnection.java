package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

/**
 * One open WebSocket: its outbound queue and the virtual thread that writes it to the socket, its download
 * subscriptions, and when the client was last heard. Writing happens only on the writer thread, which exists
 * while there is something to send (and briefly after); so a client that does not read holds nobody but its
 * own writer, and an idle connection costs no thread of ours.
 */
final class ClientConnection {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    /** Prefix of writer thread names, so their owner (and a test) can find them. */
    static final String WRITER_THREAD_PREFIX = "ws-writer-";

    /** {@link #messageStartedNanos} while no message is being assembled. */
    private static final long NO_MESSAGE = Long.MIN_VALUE;

    /** Clears {@link #writer} when it ends, unless a newer one took its place; costs no memory per connection. */
    private static final AtomicReferenceFieldUpdater<ClientConnection, Thread> WRITER =
            AtomicReferenceFieldUpdater.newUpdater(ClientConnection.class, Thread.class, "writer");

    private final String sessionId;
    private final WsSession session;
    private final DataWriter frames;
    private final Thread socketThread;
    private final Consumer<ClientConnection> onWriteFailure;
    private final OutboundQueue queue;
    private final ChannelMetrics metrics;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Set<String> subscriptions;  // guarded by this; null until the first subscribe
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long messageStartedNanos = NO_MESSAGE;
    private volatile Thread writer;  // null while none runs, so a finished thread is not kept with the connection
    private volatile ScheduledFuture<?> closeDeadline;
    private volatile String closeReason = "connection lost";

    /** The sequence number of the last broadcast queued here; guarded by the channel's publish lock. */
    long lastBroadcastSeq;

    /**
     * @param socketThread   Helidon's thread for this socket, which ends when the connection does
     * @param onWriteFailure runs on the writer if the socket refuses a frame
     */
    ClientConnection(String sessionId, WsSession session, int queueCapacity, Thread socketThread,
                     Consumer<ClientConnection> onWriteFailure) {
        this(sessionId, session, queueCapacity, socketThread, onWriteFailure, ChannelMetrics.NONE);
    }

    ClientConnection(String sessionId, WsSession session, int queueCapacity, Thread socketThread,
                     Consumer<ClientConnection> onWriteFailure, ChannelMetrics metrics) {
        this.sessionId = sessionId;
        this.session = session;
        this.frames = session != null && session.socketContext() instanceof ConnectionContext context
                ? context.dataWriter()
                : null;
        this.socketThread = socketThread;
        this.onWriteFailure = onWriteFailure;
        this.queue = new OutboundQueue(queueCapacity);
        this.metrics = metrics;
    }

    String sessionId() {
        return sessionId;
    }

    /** Queues a message and makes sure a writer will send it. */
    OutboundQueue.Offer send(Outbound.Text message) {
        OutboundQueue.Offer offer = queue.offer(message);
        metrics.queued(queue.size());
        if (offer == OutboundQueue.Offer.START_WRITER) {
            startWriter();
            return OutboundQueue.Offer.QUEUED;
        }
        return offer;
    }

    void ping() {
        if (queue.ping()) {
            startWriter();
        }
    }

    void pong(byte[] payload) {
        if (queue.pong(payload)) {
            startWriter();
        }
    }

    /**
     * Queues the close frame and remembers why.
     *
     * @return false if the connection was already closing
     */
    boolean close(int code, String reason, boolean discardPending) {
        Boolean startWriter = queue.close(new Outbound.Close(code, reason), discardPending);
        if (startWriter == null) {
            return false;
        }
        closeReason = code + " " + reason;
        if (startWriter) {
            startWriter();
        }
        return true;
    }

    void closeDeadline(ScheduledFuture<?> deadline) {
        this.closeDeadline = deadline;
    }

    void closedByClient(int code, String reason) {
        closeReason = "closed by client: " + code + " " + reason;
    }

    String closeReason() {
        return closeReason;
    }

    /** Ends the writer if it has had nothing to send for {@code idleNanos}; the next message starts another. */
    void retireIdleWriter(long idleNanos) {
        queue.retireIfIdle(idleNanos);
    }

    /** Whether a writer thread is running or parked for this connection. */
    boolean hasWriter() {
        return writer != null;
    }

    /** Messages waiting to be written. */
    int queueDepth() {
        return queue.size();
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /** The client sent the first frame of a message and more are to come. */
    void messageStarted() {
        if (messageStartedNanos == NO_MESSAGE) {
            messageStartedNanos = System.nanoTime();
        }
    }

    /** The message being assembled is complete, or was given up. */
    void messageFinished() {
        messageStartedNanos = NO_MESSAGE;
    }

    /** How long the message being assembled has been unfinished; 0 when there is none. */
    long unfinishedMessageNanos() {
        long started = messageStartedNanos;
        return started == NO_MESSAGE ? 0 : System.nanoTime() - started;
    }

    /** Whether Helidon still serves the socket; its thread ends when the peer closes, drops or is cut. */
    boolean socketAlive() {
        return socketThread.isAlive();
    }

    // Subscriptions: changed and read only by SubscriptionManager, under this connection's monitor.

    Set<String> subscriptions() {
        return subscriptions == null ? Set.of() : subscriptions;
    }

    boolean subscribe(String downloadId) {
        if (subscriptions == null) {
            subscriptions = new HashSet<>(4);
        }
        return subscriptions.add(downloadId);
    }

    boolean unsubscribe(String downloadId) {
        return subscriptions != null && subscriptions.remove(downloadId);
    }

    void clearSubscriptions() {
        subscriptions = null;
    }

    /**
     * Marks the connection gone and drops what it had queued; the first call wins.
     *
     * @return whether this call ended it
     */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        queue.end();
        ScheduledFuture<?> deadline = closeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return true;
    }

    boolean isEnded() {
        return ended.get();
    }

    /**
     * Cuts the socket without waiting for the client: Helidon's connection thread is interrupted, which closes
     * a socket it is blocked on, and so is our writer, which may be blocked writing to it.
     */
    void cut() {
        if (session instanceof ServerConnection connection) {
            connection.close(true);
        }
        Thread w = writer;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
        }
    }

    /**
     * Waits, until the deadline at the latest, for the writer to stop and the socket to end.
     *
     * @return whether both are done
     */
    boolean awaitThreads(long deadlineNanos) {
        return join(writer, deadlineNanos) && join(socketThread, deadlineNanos);
    }

    private static boolean join(Thread thread, long deadlineNanos) {
        if (thread == null) {
            return true;
        }
        long remaining = deadlineNanos - System.nanoTime();
        try {
            return remaining > 0 ? thread.join(Duration.ofNanos(remaining)) : !thread.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void startWriter() {
        writer = Thread.ofVirtual().name(WRITER_THREAD_PREFIX + sessionId).start(this::write);
    }

    private void write() {
        try {
            Outbound next;
            while ((next = queue.next()) != null) {
                switch (next) {
                    case Outbound.Text text -> sendText(text);
                    case Outbound.Ping ping -> session.ping(BufferData.empty());
                    case Outbound.Pong pong -> session.pong(BufferData.create(pong.payload()));
                    case Outbound.Close close -> session.close(close.code(), close.reason());
                }
            }
        } catch (InterruptedException e) {
            // cut: the socket is being closed under us
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!ended.get()) {
                LOG.log(Level.DEBUG, () -> "Write to " + sessionId + " failed: " + e);
                closeReason = "write failed: " + e.getMessage();
                onWriteFailure.accept(this);
            }
        } finally {
            WRITER.compareAndSet(this, Thread.currentThread(), null);
        }
    }

    /**
     * Writes an event's ready-made frame straight to the socket, the same bytes for every connection, instead
     * of having the session encode and copy the text once per connection. A frame goes out in one write, which
     * the socket's own write lock keeps whole beside the control frames Helidon itself may send.
     */
    private void sendText(Outbound.Text text) {
        if (frames != null) {
            frames.writeNow(BufferData.create(text.frame()));
        } else {
            session.send(text.json(), true);
        }
        metrics.written(text.createdNanos());
    }

    @Override
    public String toString() {
        return "ClientConnection[" + sessionId + "]";
    }
}
