package dev.jamra.server.sources;

/** The source does not know the manga, chapter or page asked for. */
public class SourceNotFoundException extends SourceException {

    public SourceNotFoundException(String message) {
        super(message);
    }
}
