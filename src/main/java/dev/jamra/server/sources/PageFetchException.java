package dev.jamra.server.sources;

/**
 * A page could not be fetched. {@code retryable} when trying again may help (network error, timeout, 5xx, 429);
 * not for a missing page, a refusal or a page that is too large.
 */
public final class PageFetchException extends Exception {
    private final boolean retryable;
    private final int status;

    public PageFetchException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, 0);
    }

    /** @param status the HTTP status the page's server answered with */
    public PageFetchException(String message, boolean retryable, Throwable cause, int status) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
    }

    /** The HTTP status that refused the page; 0 when the failure was not an HTTP answer. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
