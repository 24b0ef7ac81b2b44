package dev.jamra.server.sources;

/**
 * A page could not be fetched. {@code retryable} when trying again may help (network error, timeout, 5xx, 429);
 * not for a missing page, a refusal or a page that is too large.
 */
public final class PageFetchException extends Exception {
    private final boolean retryable;

    public PageFetchException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
