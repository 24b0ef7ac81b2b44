package dev.jamra.server.sources;

/** A source could not answer: its site is down, its archive is broken... The message is for people. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
