package dev.jamra.server.websocket;

import java.time.Duration;

import dev.jamra.server.websocket.time.Ticker;

/**
 * Clears up at each tick: ends the connections whose socket is gone, closes those that left a message
 * unfinished past the message timeout, and has the history forget what is older than the retention age. A
 * socket can go without a word to the channel (a client that just drops, a cut), so such connections are found
 * by looking; a thread per connection waiting for that would cost more memory than the whole connection should.
 */
final class Reaper implements Runnable {

    /** How often it looks. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Duration messageTimeout;
    private final Ticker ticker;
    private final Timeline timeline;
    private final Admission admission;
    private final Endings endings;

    Reaper(Duration messageTimeout, Ticker ticker, Timeline timeline, Admission admission, Endings endings) {
        this.messageTimeout = messageTimeout;
        this.ticker = ticker;
        this.timeline = timeline;
        this.admission = admission;
        this.endings = endings;
    }

    @Override
    public void run() {
        timeline.prune();
        long now = ticker.nanoTime();
        long timeoutNanos = messageTimeout.toNanos();
        for (ClientConnection connection : timeline.connections()) {
            if (!connection.socket().isOpen()) {
                endings.end(connection);
            } else if (connection.unfinishedMessageNanos(now) > timeoutNanos) {
                endings.close(connection, CloseReason.unfinishedMessage(messageTimeout));
            }
        }
        for (ClientConnection connection : admission.notAdmitted()) {
            if (!connection.socket().isOpen()) {
                endings.end(connection);
            }
        }
    }
}
