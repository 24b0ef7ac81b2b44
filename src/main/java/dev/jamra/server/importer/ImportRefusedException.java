package dev.jamra.server.importer;

/** The import cannot start: the source is not an original JAMRA database this importer knows. Nothing changed. */
public final class ImportRefusedException extends RuntimeException {

    ImportRefusedException(String message) {
        super(message);
    }

    ImportRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
