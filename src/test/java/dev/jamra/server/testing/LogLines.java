package dev.jamra.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a logger and the loggers below it log at INFO and above while it is installed, each line as
 * {@code LEVEL message} (a thrown exception's class appended): for tests that check what the server says, and
 * how loudly.
 */
public final class LogLines extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final List<String> lines;

    private LogLines(Logger logger, List<String> lines) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.lines = lines;
    }

    /** Collects into {@code lines} what {@code type}'s logger logs, until closed. */
    public static LogLines of(Class<?> type, List<String> lines) {
        return of(type.getName(), lines);
    }

    /** Collects into {@code lines} what the logger {@code name} and those below it log, until closed. */
    public static LogLines of(String name, List<String> lines) {
        LogLines handler = new LogLines(Logger.getLogger(name), lines);
        handler.logger.setLevel(Level.INFO);
        handler.logger.addHandler(handler);
        return handler;
    }

    /** Collects into a list of its own. */
    public static LogLines of(String name) {
        return of(name, new CopyOnWriteArrayList<>());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines at {@code level}. */
    public List<String> at(Level level) {
        return lines.stream().filter(line -> line.startsWith(level.getName() + " ")).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            lines.add(record.getLevel().getName() + " " + record.getMessage()
                      + (record.getThrown() == null ? "" : " " + record.getThrown()));
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
