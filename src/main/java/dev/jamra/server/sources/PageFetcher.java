package dev.jamra.server.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.helidon.common.LazyValue;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.RuntimeUnknownHostException;
import io.helidon.webclient.api.WebClient;

/**
 * Fetches one page image into a file, once: {@code http(s)} pages with Helidon's blocking web client (connect
 * timeout, one {@link AnswerDeadline deadline} for the whole fetch from request to last byte, redirects included,
 * redirects followed as {@link Redirects} allows, a size cap, and only images kept), other pages through their
 * source. A page refused with 403 or 404 may have an address that expired: its source is asked once for a new one
 * ({@link MangaSource#refreshPage}). Every connection goes through the {@link OutboundGuard}:
 * unless {@code downloads.allow-private-networks} is on, only public internet addresses are reached, checked on the
 * address actually connected to.
 * Retrying is the caller's choice, guided by {@link PageFetchException#retryable()}. An interrupt abandons the
 * fetch at once (a virtual thread's socket closes on interrupt) and surfaces as {@link InterruptedException}.
 * Failure messages never carry the page's URL or a library's exception text: those go to the log.
 */
public final class PageFetcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PageFetcher.class.getName());
    private static final String ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8";

    /**
     * @param connectTimeout       time to open a connection
     * @param readTimeout          time for a whole page, from request to last byte
     * @param maxPageSize          largest page in bytes
     * @param allowPrivateNetworks whether pages may come from loopback, LAN and other non-public addresses
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, long maxPageSize,
                           boolean allowPrivateNetworks) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
                throw new IllegalArgumentException("Page fetch timeouts must be positive");
            }
            if (maxPageSize <= 0) {
                throw new IllegalArgumentException("The page size cap must be positive, was " + maxPageSize);
            }
        }
    }

    /** A fetched page: its file extension and media type (always a page image type), and its size. */
    public record Fetched(String extension, String contentType, long size) {
        /** A page stored under {@code extension}, a page image type's. */
        static Fetched of(String extension, long size) {
            return new Fetched(extension, ImageTypes.contentTypeOf("page." + extension).orElseThrow(), size);
        }
    }

    private final Settings settings;
    // Made at the first fetch, not at start-up: its TLS set-up (the trusted certificates) takes some 50 ms.
    private final LazyValue<WebClient> http;

    /** A fetcher under a guard of its own, following {@code settings.allowPrivateNetworks()}. */
    public PageFetcher(Settings settings) {
        this(settings, OutboundGuard.create(settings.allowPrivateNetworks()));
    }

    public PageFetcher(Settings settings, OutboundGuard guard) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = LazyValue.create(() -> guard.client(settings.connectTimeout(), settings.readTimeout()));
    }

    /** Fetches {@code page} of a chapter into {@code target}, replacing what the file held. */
    public Fetched fetch(MangaSource source, String mangaId, String chapterId, Page page, Path target)
            throws PageFetchException, InterruptedException {
        if (!page.remote()) {
            return open(source, mangaId, chapterId, page, target);
        }
        try {
            return fetchUrl(page.imageUrl(), target);
        } catch (PageFetchException e) {
            if (e.status() != 403 && e.status() != 404) {
                throw e;
            }
            // the page's address may have expired: the source may know a new one, tried once
            Page fresh = refreshed(source, mangaId, chapterId, page).orElseThrow(() -> e);
            if (fresh.imageUrl().equals(page.imageUrl()) || !fresh.remote()) {
                throw e;
            }
            return fetchUrl(fresh.imageUrl(), target);
        }
    }

    private static Optional<Page> refreshed(MangaSource source, String mangaId, String chapterId, Page page)
            throws PageFetchException {
        try {
            return source.refreshPage(mangaId, chapterId, page);
        } catch (SourceNotFoundException e) {
            throw new PageFetchException(e.getMessage(), false, e);
        } catch (SourceException e) {
            throw new PageFetchException(e.getMessage(), true, e);
        }
    }

    private Fetched fetchUrl(String url, Path target) throws PageFetchException, InterruptedException {
        URI first = Redirects.checked(url);
        try {
            return AnswerDeadline.within(settings.readTimeout(), abandoned -> follow(first, target, abandoned));
        } catch (TimeoutException e) {
            throw timedOut();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PageFetchException failure) {
                throw failure;
            }
            LOG.log(Level.WARNING, () -> "Fetching " + first + " failed: " + e.getCause());
            throw new PageFetchException("The page's server gave an answer that cannot be read", false, e.getCause());
        }
    }

    /** The page at {@code uri}, following redirects; runs within the fetch's deadline. */
    private Fetched follow(URI uri, Path target, BooleanSupplier abandoned)
            throws PageFetchException, InterruptedException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Hop hop = exchange(current, target, abandoned);
            if (hop.redirect() == null) {
                return hop.fetched();
            }
            if (redirects == Redirects.MAX) {
                throw new PageFetchException("More than " + Redirects.MAX + " redirects", false, null);
            }
            current = hop.redirect();
        }
    }

    /** What one request gave: a page, or where it redirects to. */
    private record Hop(Fetched fetched, URI redirect) {
    }

    /** One request and its response. */
    private Hop exchange(URI uri, Path target, BooleanSupplier abandoned)
            throws PageFetchException, InterruptedException {
        try (HttpClientResponse response = http.get().get()
                .uri(uri)
                .header(HeaderNames.ACCEPT, ACCEPT)
                .request()) {
            int status = response.status().code();
            if (Redirects.isRedirect(status)) {
                return new Hop(null, Redirects.target(uri, status,
                        response.headers().first(HeaderNames.LOCATION).orElse(null)));
            }
            if (status / 100 != 2) {
                throw new PageFetchException("HTTP " + status + " from the page's server",
                        status == 429 || status >= 500, null, status);
            }
            long declared = response.headers().contentLength().orElse(-1);
            if (declared > settings.maxPageSize()) {
                throw tooLarge();
            }
            long size = copy(response.inputStream(), target);
            String contentType = response.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
            String extension = imageExtension(contentType, target, uri)
                    .orElseThrow(() -> new PageFetchException("The answer is not a page image (Content-Type "
                                                              + contentType + ")", false, null));
            return new Hop(Fetched.of(extension, size), null);
        } catch (PageFetchException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            if (abandoned.getAsBoolean()) {
                // the interrupt that ended it may have been swallowed on the way: no failure of the page's
                InterruptedException gone = new InterruptedException("The fetch was abandoned");
                gone.initCause(e);
                throw gone;
            }
            throw failure(uri, e);
        }
    }

    /** Copies a body into the file, up to the size cap. */
    private long copy(InputStream body, Path target) throws IOException, PageFetchException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            int read;
            while ((read = body.read(buffer)) >= 0) {
                total += read;
                if (total > settings.maxPageSize()) {
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private PageFetchException tooLarge() {
        return new PageFetchException("The page is larger than the " + settings.maxPageSize() + " bytes allowed",
                false, null);
    }

    private PageFetchException timedOut() {
        return new PageFetchException("No complete answer within " + settings.readTimeout().toSeconds() + " s",
                true, null);
    }

    /**
     * The extension to store a fetched page under; empty when the response is not an image. A page image type
     * names it. Any other {@code image/*} type, no type, or {@code application/octet-stream} needs the first bytes
     * to be those of a png, jpeg, gif, webp or avif image, which then name it; failing that, an {@code image/*}
     * page may still be named by the extension of the URL it finally came from.
     */
    private static Optional<String> imageExtension(String contentType, Path file, URI finalUrl)
            throws PageFetchException {
        Optional<String> declared = ImageTypes.extensionForType(contentType);
        if (declared.isPresent()) {
            return declared;
        }
        String mediaType = ImageTypes.mediaType(contentType).orElse("application/octet-stream");
        boolean image = mediaType.startsWith("image/");
        if (!image && !mediaType.equals("application/octet-stream")) {
            return Optional.empty();
        }
        Optional<String> sniffed = ImageTypes.sniff(head(file));
        if (sniffed.isPresent() || !image) {
            return sniffed;
        }
        return ImageTypes.extensionOf(finalUrl.getPath() == null ? "" : finalUrl.getPath());
    }

    private static byte[] head(Path file) throws PageFetchException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ImageTypes.SNIFF_LENGTH);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read the fetched page " + file + ": " + e);
            throw new PageFetchException("Cannot read the fetched page", true, e);
        }
    }

    /**
     * A failed exchange, as people may read it: what went wrong, never the URL or the exception's own text (both go
     * to the log, at DEBUG: a source that is down would fill it otherwise).
     */
    private PageFetchException failure(URI uri, Exception cause) throws InterruptedException {
        if (Thread.interrupted()) {
            InterruptedException interrupted = new InterruptedException("Interrupted fetching a page");
            interrupted.initCause(cause);
            throw interrupted;
        }
        LOG.log(Level.DEBUG, () -> "Fetching " + uri + " failed: " + cause);
        if (OutboundGuard.refused(cause)) {
            return new PageFetchException("Refused to connect to a host that is not on the public internet"
                                          + " (see downloads.allow-private-networks)", false, cause);
        }
        for (Throwable e = cause; e != null; e = e.getCause()) {
            if (e instanceof UnknownHostException || e instanceof RuntimeUnknownHostException) {
                return new PageFetchException("Unknown host of the page's server", true, cause);
            }
            if (e instanceof SocketTimeoutException) {
                return new PageFetchException("No answer in time from the page's server", true, cause);
            }
            if (e instanceof ConnectException) {
                return new PageFetchException("Could not connect to the page's server", true, cause);
            }
        }
        if (cause instanceof IOException || cause instanceof UncheckedIOException) {
            return new PageFetchException("Network error fetching the page", true, cause);
        }
        LOG.log(Level.WARNING, () -> "Fetching " + uri + " failed: " + cause);
        return new PageFetchException("The page's server gave an answer that cannot be read", false, cause);
    }

    private Fetched open(MangaSource source, String mangaId, String chapterId, Page page, Path target)
            throws PageFetchException, InterruptedException {
        int number = page.index() + 1;
        try (PageContent content = source.openPage(mangaId, chapterId, page)) {
            String extension = ImageTypes.extensionForType(content.contentType())
                    .orElseThrow(() -> new PageFetchException("Page " + number + " is not a page image ("
                                                              + content.contentType() + ")", false, null));
            long size = copy(content.stream(), target);
            return Fetched.of(extension, size);
        } catch (SourceNotFoundException e) {
            throw new PageFetchException("The source has no page " + number, false, e);
        } catch (SourceException e) {
            LOG.log(Level.WARNING, "Source " + source.info().id() + " failed to open page " + number + " of "
                                   + chapterId + ": " + e);
            throw new PageFetchException("The source could not open page " + number, true, e);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            // the detail may name a file of this machine: logged, not passed on
            LOG.log(Level.WARNING, "Cannot read page " + number + " of " + chapterId + " from source "
                                   + source.info().id() + ": " + e);
            throw new PageFetchException("Cannot read page " + number + " from the source", true, e);
        }
    }

    private static InterruptedException interrupted(Exception cause) {
        Thread.interrupted();
        InterruptedException e = new InterruptedException("Interrupted reading a page");
        e.initCause(cause);
        return e;
    }

    /** Drops idle connections; fetches in flight end with their threads' interrupts. */
    @Override
    public void close() {
        if (http.isLoaded()) {
            http.get().closeResource();
        }
    }
}
