package dev.jamra.server.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one page image into a file, once: {@code http(s)} pages with the JDK {@link HttpClient} (connect
 * timeout, one deadline for the whole response, redirects followed as {@link Redirects} allows, a size cap, and
 * only images kept), other pages through their source. A page refused with 403 or 404 may have an address that
 * expired: its source is asked once for a new one ({@link MangaSource#refreshPage}).
 * Retrying is the caller's choice, guided by {@link PageFetchException#retryable()}. An interrupt abandons the
 * fetch at once (the HTTP exchange is cancelled) and surfaces as {@link InterruptedException}.
 */
public final class PageFetcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PageFetcher.class.getName());
    private static final long NOT_OK = -1;
    private static final long TOO_LARGE = -2;
    private static final String ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8";

    /**
     * @param connectTimeout time to open a connection
     * @param readTimeout    time for a whole page, from request to last byte
     * @param maxPageSize    largest page in bytes
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, long maxPageSize) {
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
        public static final long DEFAULT_MAX_PAGE_SIZE = 32L * 1024 * 1024;

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
    }

    private final Settings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    public PageFetcher(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)  // followed by hand, see Redirects
                .executor(executor)
                .build();
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
        URI original;
        try {
            original = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PageFetchException("Invalid page URL " + url, false, e);
        }
        long deadline = System.nanoTime() + settings.readTimeout().toNanos();
        URI current = original;
        HttpResponse<Long> response = exchange(current, target, deadline, url);
        for (int redirects = 0; Redirects.isRedirect(response.statusCode()); redirects++) {
            if (redirects == Redirects.MAX) {
                throw new PageFetchException("More than " + Redirects.MAX + " redirects from " + url, false, null);
            }
            current = Redirects.target(original, current, response);
            response = exchange(current, target, deadline, url);
        }
        int status = response.statusCode();
        if (response.body() == TOO_LARGE) {
            throw new PageFetchException(url + " is larger than the " + settings.maxPageSize()
                                         + " bytes allowed for a page", false, null);
        }
        if (status / 100 != 2) {
            throw new PageFetchException("HTTP " + status + " from " + url, status == 429 || status >= 500, null,
                    status);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String extension = imageExtension(contentType, target, current)
                .orElseThrow(() -> new PageFetchException(url + " is not a page image (Content-Type "
                                                          + contentType + ")", false, null));
        return new Fetched(extension, ImageTypes.contentTypeOf("page." + extension).orElseThrow(), response.body());
    }

    /** One request and its response, within what is left of the fetch's deadline. */
    private HttpResponse<Long> exchange(URI uri, Path target, long deadline, String url)
            throws PageFetchException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(url, null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(left))
                .header("Accept", ACCEPT)
                .GET()
                .build();
        CompletableFuture<HttpResponse<Long>> exchange = http.sendAsync(request, info -> body(info, target));
        try {
            return exchange.get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(url, e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private PageFetchException timedOut(String url, Exception cause) {
        return new PageFetchException("No complete answer within " + settings.readTimeout().toSeconds() + " s from "
                                      + url, true, cause);
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

    private HttpResponse.BodySubscriber<Long> body(HttpResponse.ResponseInfo info, Path target) {
        if (info.statusCode() / 100 != 2) {
            return refuse(NOT_OK);
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > settings.maxPageSize()) {
            return refuse(TOO_LARGE);
        }
        return new CappedFileSubscriber(target, settings.maxPageSize());
    }

    /** A body not worth reading (an error page, a page too large): the exchange ends without reading it. */
    private static HttpResponse.BodySubscriber<Long> refuse(long result) {
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public CompletionStage<Long> getBody() {
                return CompletableFuture.completedFuture(result);
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                // cancelled at once: nothing to read
            }

            @Override
            public void onError(Throwable throwable) {
                // the result is already known
            }

            @Override
            public void onComplete() {
                // the result is already known
            }
        };
    }

    private static PageFetchException failure(String url, Throwable cause) {
        return switch (cause) {
            case CappedFileSubscriber.TooLargeException e ->
                    new PageFetchException(url + " is " + e.getMessage(), false, e);
            case HttpConnectTimeoutException e ->
                    new PageFetchException("Could not connect in time to " + url, true, e);
            case HttpTimeoutException e -> new PageFetchException("No answer in time from " + url, true, e);
            case IOException e -> new PageFetchException("Network error fetching " + url + ": " + describe(e), true, e);
            default -> new PageFetchException("Cannot fetch " + url + ": " + describe(cause), false, cause);
        };
    }

    private Fetched open(MangaSource source, String mangaId, String chapterId, Page page, Path target)
            throws PageFetchException, InterruptedException {
        try (PageContent content = source.openPage(mangaId, chapterId, page)) {
            String extension = ImageTypes.extensionForType(content.contentType())
                    .orElseThrow(() -> new PageFetchException("Page " + (page.index() + 1) + " is not a page image ("
                                                              + content.contentType() + ")", false, null));
            long size = copy(content.stream(), target);
            return new Fetched(extension, ImageTypes.contentTypeOf("page." + extension).orElseThrow(), size);
        } catch (SourceNotFoundException e) {
            throw new PageFetchException(e.getMessage(), false, e);
        } catch (SourceException e) {
            throw new PageFetchException(e.getMessage(), true, e);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            // the detail may name a file of this machine: logged, not passed on
            LOG.log(Level.WARNING, "Cannot read page " + (page.index() + 1) + " of " + chapterId + " from source "
                                   + source.info().id() + ": " + e);
            throw new PageFetchException("Cannot read page " + (page.index() + 1) + " from the source", true, e);
        }
    }

    private long copy(InputStream in, Path target) throws IOException, PageFetchException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > settings.maxPageSize()) {
                    throw new PageFetchException("The page is larger than the " + settings.maxPageSize()
                                                 + " bytes allowed for a page", false, null);
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private static InterruptedException interrupted(Exception cause) {
        Thread.interrupted();
        InterruptedException e = new InterruptedException("Interrupted reading a page");
        e.initCause(cause);
        return e;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Cancels fetches in flight and releases the client's threads. */
    @Override
    public void close() throws InterruptedException {
        http.shutdownNow();
        http.awaitTermination(Duration.ofSeconds(5));
        executor.shutdownNow();
    }
}
