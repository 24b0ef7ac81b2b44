package dev.jamra.server.websocket.delivery;

/**
 * How much may wait for one client before it counts as a slow consumer.
 *
 * @param messages text messages
 * @param bytes    bytes those messages hold together ({@link OutgoingFrame.Text#weight()}); a message always fits
 *                 an empty queue
 */
public record QueueLimits(int messages, long bytes) {

    public QueueLimits {
        if (messages < 1 || bytes < 1) {
            throw new IllegalArgumentException("a queue must hold something, was " + messages + " messages, "
                                               + bytes + " bytes");
        }
    }

    /** These limits with room for {@code moreMessages} of {@code moreBytes} on top (a resume's replay). */
    public QueueLimits plus(int moreMessages, long moreBytes) {
        return new QueueLimits(messages + moreMessages, bytes + moreBytes);
    }
}
