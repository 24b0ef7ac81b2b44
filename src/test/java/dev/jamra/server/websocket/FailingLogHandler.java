package dev.jamra.server.websocket;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Makes one logging call of the channel throw an {@link OutOfMemoryError}, as a full heap would, from inside the
 * periodic task that logs it: the first record whose message contains {@code trigger} throws, later ones pass. It
 * listens on the logger of the whole package, which every class of the channel logs under.
 */
final class FailingLogHandler extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(EventChannel.class.getPackageName());
    private final Level previousLevel = logger.getLevel();
    private final String trigger;
    private final AtomicInteger thrown = new AtomicInteger();

    private FailingLogHandler(String trigger) {
        this.trigger = trigger;
    }

    /** Installs the handler on the channel's loggers, with INFO records enabled, until {@link #close()}. */
    static FailingLogHandler install(String trigger) {
        FailingLogHandler handler = new FailingLogHandler(trigger);
        handler.logger.setLevel(Level.INFO);
        handler.logger.addHandler(handler);
        return handler;
    }

    /** How many times it threw; the test is only meaningful once it has. */
    int thrown() {
        return thrown.get();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.contains(trigger) && thrown.compareAndSet(0, 1)) {
            throw new OutOfMemoryError("Java heap space (simulated while logging: " + message + ")");
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
