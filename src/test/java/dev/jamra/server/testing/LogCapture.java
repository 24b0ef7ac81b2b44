package dev.jamra.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger (and those below it) publishes while it is installed, for tests that check what the
 * server logs and how often. Close it to remove it and put the logger's level back.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        logger.setLevel(level);
        logger.addHandler(this);
    }

    /** Captures what the logger called {@code name} publishes at {@code level} and above. */
    public static LogCapture install(String name, Level level) {
        return new LogCapture(Logger.getLogger(name), level);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Each record as its level and message ({@code WARNING Something went wrong}). */
    public List<String> lines() {
        return records.stream().map(record -> record.getLevel() + " " + record.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
        // kept in memory
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
