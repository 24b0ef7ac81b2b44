package dev.jamra.server.sources.mangadex;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.jamra.server.sources.AnswerDeadline;
import dev.jamra.server.sources.OutboundGuard;
import dev.jamra.server.sources.PageFetchException;
import dev.jamra.server.sources.Redirects;
import dev.jamra.server.sources.SourceBusyException;
import dev.jamra.server.sources.SourceCalls;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceNotFoundException;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * The MangaDex API over Helidon's blocking web client, politely and safely: a {@code User-Agent} naming this
 * server, every request through the shared rate limiters (the global one, and the at-home route's own), a
 * {@code 429} waited out as its retry header says (holding back every other request meanwhile), one deadline per
 * answer from request to last byte ({@link AnswerDeadline}), and every connection, redirects included, under the
 * server's {@link OutboundGuard}. A request made for a person (a REST request) waits for its turn at most
 * {@code max-queue-wait}, else fails with {@link SourceBusyException}; a download's waits as long as it must, and
 * goes first. Failures are {@link SourceException}s whose message says what went wrong without the answer's body;
 * a 404 is a {@link SourceNotFoundException}.
 */
final class MangaDexApi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MangaDexApi.class.getName());
    static final String USER_AGENT = "jamra-server/" + MangaDexSource.VERSION
                                     + " (JAMRA manga reader backend; +https://github.com/ShoobyDoo/jamra-2)";
    /** Further attempts after a 429, and the longest wait one may ask for before the request fails instead. */
    private static final int RATE_LIMITED_RETRIES = 3;
    private static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(60);
    /** How long a 429 without a retry header makes us wait. */
    private static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Which rate limits a request counts against. */
    enum Route { GENERAL, AT_HOME }

    /** An answer read whole within the deadline: its status, retry headers, and body (2xx only). */
    private record Answer(int status, Optional<String> mangaDexRetryAfter, Optional<String> retryAfter, byte[] body) {
    }

    private final URI base;
    private final Duration timeout;
    private final Duration maxQueueWait;
    private final RateLimiter global;
    private final RateLimiter atHome;
    private final Clock clock;
    private final OutboundGuard guard;
    private final Duration connectTimeout;
    // Built at the first request, not at start-up: loading the trusted certificates takes some 25 ms.
    private WebClient http;   // guarded by this
    private boolean closed;   // guarded by this

    MangaDexApi(MangaDexSettings settings, OutboundGuard guard, RateLimiter.Ticker ticker, Clock clock) {
        this.base = settings.apiUrl();
        this.timeout = settings.timeout();
        this.maxQueueWait = settings.maxQueueWait();
        this.global = new RateLimiter(settings.requestsPerSecond(), Duration.ofSeconds(1), ticker);
        this.atHome = new RateLimiter(settings.atHomeRequestsPerMinute(), Duration.ofMinutes(1), ticker);
        this.clock = clock;
        this.guard = guard;
        this.connectTimeout = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    }

    private synchronized WebClient http() {
        if (closed) {
            throw new SourceException("The MangaDex client is closed: the server is stopping");
        }
        if (http == null) {
            http = guard.client(connectTimeout, timeout);
        }
        return http;
    }

    /**
     * GETs {@code path} with {@code query} (a parameter may repeat: {@code includes[]}...) and returns the JSON
     * object answered.
     *
     * @param notFound the message of the {@link SourceNotFoundException} a 404 becomes
     * @throws SourceBusyException when a person's request would wait too long for its turn
     */
    JsonObject get(Route route, String path, List<Map.Entry<String, String>> query, String notFound) {
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + encode(query)));
        RateLimiter.Priority priority = SourceCalls.inBackground()
                ? RateLimiter.Priority.BACKGROUND : RateLimiter.Priority.PERSON;
        try {
            for (int attempt = 0; ; attempt++) {
                if (route == Route.AT_HOME) {
                    atHome.acquire(priority, maxQueueWait);
                }
                global.acquire(priority, maxQueueWait);
                WebClient client = http();
                Answer answer = AnswerDeadline.within(timeout, abandoned -> exchange(client, uri));
                int status = answer.status();
                if (status == 429) {
                    waitOut(answer, attempt, path);
                    continue;
                }
                if (status == 404) {
                    throw new SourceNotFoundException(notFound);
                }
                if (status / 100 != 2) {
                    LOG.log(Level.WARNING, () -> "MangaDex answered HTTP " + status + " to " + uri);
                    throw new SourceException("MangaDex answered HTTP " + status + " to " + path);
                }
                return parse(answer.body(), path);
            }
        } catch (RateLimiter.Busy e) {
            Duration wait = Duration.ofNanos(e.waitNanos());
            LOG.log(Level.INFO, () -> "MangaDex request to " + path + " refused: its turn would come in "
                                      + wait.toMillis() + " ms");
            throw new SourceBusyException("Too many requests to MangaDex are waiting; try again in "
                                          + seconds(wait) + " s", wait);
        } catch (TimeoutException e) {
            throw new SourceException("MangaDex did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("Interrupted waiting for MangaDex", e);
        }
    }

    /** One request, its redirects followed under the guard, and the answer read whole. */
    private Answer exchange(WebClient client, URI uri) throws IOException, PageFetchException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            try (HttpClientResponse response = client.get()
                    .uri(current)
                    .header(HeaderNames.USER_AGENT, USER_AGENT)
                    .header(HeaderNames.ACCEPT, "application/json")
                    .request()) {
                int status = response.status().code();
                if (Redirects.isRedirect(status)) {
                    if (redirects == Redirects.MAX) {
                        throw new SourceException("MangaDex redirected more than " + Redirects.MAX + " times");
                    }
                    current = Redirects.target(current, status,
                            response.headers().first(HeaderNames.LOCATION).orElse(null));
                    continue;
                }
                byte[] body = status / 100 == 2 ? read(response.inputStream(), current) : new byte[0];
                return new Answer(status, response.headers().first(HeaderNames.create("X-RateLimit-Retry-After")),
                        response.headers().first(HeaderNames.RETRY_AFTER), body);
            }
        }
    }

    private static byte[] read(InputStream body, URI uri) throws IOException {
        byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw new SourceException("MangaDex sent an answer larger than " + MAX_ANSWER_BYTES + " bytes to "
                                      + uri.getPath());
        }
        return bytes;
    }

    /** What a failed exchange becomes: a source failure that says what happened, never the answer's text. */
    private SourceException failure(Throwable cause) {
        if (cause instanceof SourceException source) {
            return source;
        }
        if (OutboundGuard.refused(cause)) {
            return new SourceException("Refused to connect to a host that is not on the public internet (see"
                                       + " downloads.allow-private-networks)", cause);
        }
        if (cause instanceof PageFetchException redirect) {
            return new SourceException("MangaDex redirected nowhere a request may go: " + redirect.getMessage(),
                    cause);
        }
        return new SourceException("MangaDex could not be reached (" + base.getHost() + "): " + describe(cause),
                cause);
    }

    /** Holds every request back for as long as the 429 asks, or fails when that is too long or too often. */
    private void waitOut(Answer answer, int attempt, String path) {
        Duration wait = RetryAfter.of(answer.mangaDexRetryAfter(), answer.retryAfter(), clock.instant())
                .orElse(DEFAULT_RETRY_WAIT);
        if (attempt >= RATE_LIMITED_RETRIES || wait.compareTo(LONGEST_RETRY_WAIT) > 0) {
            throw new SourceException("MangaDex is limiting our requests; try again in " + seconds(wait) + " s");
        }
        LOG.log(Level.INFO, () -> "MangaDex answered 429 to " + path + "; waiting " + wait.toMillis() + " ms");
        global.pauseFor(wait);
    }

    private static JsonObject parse(byte[] bytes, String path) {
        try (JsonReader reader = JSON.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SourceException("MangaDex sent an answer that is not a JSON object to " + path, e);
        }
    }

    static String encode(List<Map.Entry<String, String>> query) {
        return query.stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                              + URLEncoder.encode(Objects.requireNonNull(entry.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A wait in whole seconds, at least one, as a Retry-After says it. */
    private static long seconds(Duration wait) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.toNanos() + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Drops the client's idle connections; requests in flight end with their deadlines. */
    @Override
    public void close() {
        WebClient client;
        synchronized (this) {
            closed = true;
            client = http;
        }
        if (client != null) {
            client.closeResource();
        }
    }
}
