package dev.jamra.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a logger and the loggers below it log while it is installed, from a level up (INFO unless told), each line
 * as {@code LEVEL message} with a thrown exception appended: for tests that check what the server says, how
 * loudly and how often. Close it to remove it and put the logger's level back.
 */
public final class LogLines extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level from;
    private final Level previousLevel;
    private final List<String> lines;

    private LogLines(Logger logger, Level from, List<String> lines) {
        this.logger = logger;
        this.from = from;
        this.previousLevel = logger.getLevel();
        this.lines = lines;
    }

    /** Collects into {@code lines} what {@code type}'s logger logs at INFO and above, until closed. */
    public static LogLines of(Class<?> type, List<String> lines) {
        return install(type.getName(), Level.INFO, lines);
    }

    /** Collects what the logger {@code name} and those below it log at INFO and above, until closed. */
    public static LogLines of(String name) {
        return of(name, Level.INFO);
    }

    /** Collects what the logger {@code name} and those below it log at {@code from} and above, until closed. */
    public static LogLines of(String name, Level from) {
        return install(name, from, new CopyOnWriteArrayList<>());
    }

    private static LogLines install(String name, Level from, List<String> lines) {
        LogLines handler = new LogLines(Logger.getLogger(name), from, lines);
        handler.logger.setLevel(from);
        handler.logger.addHandler(handler);
        return handler;
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
        if (record.getLevel().intValue() >= from.intValue()) {
            lines.add(record.getLevel().getName() + " " + record.getMessage()
                      + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }
    }

    @Override
    public void flush() {
        // kept in memory
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
