package dev.jamra.server.websocket.delivery;

/**
 * The two hooks a delivery passes, for the metrics (the {@code metrics} package implements them); every other
 * figure is read from the channel when it is scraped. Both run on the delivery path, so they must cost next to
 * nothing.
 */
public interface DeliveryMeter {

    /** Records nothing. */
    DeliveryMeter NONE = new DeliveryMeter() {
        @Override
        public void queued(int depth) {
        }

        @Override
        public void written(long publishedNanos) {
        }
    };

    /** A message joined a connection's queue, which now holds {@code depth}. */
    void queued(int depth);

    /** A message published at {@code publishedNanos} ({@link System#nanoTime()}) was written to a socket. */
    void written(long publishedNanos);
}
