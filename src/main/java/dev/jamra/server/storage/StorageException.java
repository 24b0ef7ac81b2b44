package dev.jamra.server.storage;

/** The database failed; a bug or a broken disk, never the client's fault (500). */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
