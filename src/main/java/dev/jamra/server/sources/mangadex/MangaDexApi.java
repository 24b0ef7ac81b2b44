package dev.jamra.server.sources.mangadex;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceNotFoundException;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * The MangaDex API over the JDK {@link HttpClient}, politely: a {@code User-Agent} naming this server, every request
 * through the shared rate limiters (the global one, and the at-home route's own), a {@code 429} waited out as its
 * retry header says (holding back every other request meanwhile), and a deadline per answer. Failures are
 * {@link SourceException}s whose message says what went wrong without the answer's body; a 404 is a
 * {@link SourceNotFoundException}.
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

    private final URI base;
    private final Duration timeout;
    private final RateLimiter global;
    private final RateLimiter atHome;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration connectTimeout;
    // Built at the first request, not at start-up: loading the trusted certificates takes some 25 ms. Not a
    // LazyValue (as in PageFetcher): this client has a selector thread, so none may be built once closed.
    private HttpClient http;  // guarded by this
    private boolean closed;   // guarded by this

    MangaDexApi(MangaDexSettings settings, RateLimiter.Ticker ticker, Clock clock) {
        this.base = settings.apiUrl();
        this.timeout = settings.timeout();
        this.global = new RateLimiter(settings.requestsPerSecond(), Duration.ofSeconds(1), ticker);
        this.atHome = new RateLimiter(settings.atHomeRequestsPerMinute(), Duration.ofMinutes(1), ticker);
        this.clock = clock;
        this.connectTimeout = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    }

    private synchronized HttpClient http() {
        if (closed) {
            throw new SourceException("The MangaDex client is closed: the server is stopping");
        }
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(executor)
                    .build();
        }
        return http;
    }

    /**
     * GETs {@code path} with {@code query} (a parameter may repeat: {@code includes[]}...) and returns the JSON
     * object answered.
     *
     * @param notFound the message of the {@link SourceNotFoundException} a 404 becomes
     */
    JsonObject get(Route route, String path, List<Map.Entry<String, String>> query, String notFound) {
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + encode(query)));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            for (int attempt = 0; ; attempt++) {
                if (route == Route.AT_HOME) {
                    atHome.acquire();
                }
                global.acquire();
                HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    int status = response.statusCode();
                    if (status == 429) {
                        waitOut(response, attempt, path);
                        continue;
                    }
                    if (status == 404) {
                        throw new SourceNotFoundException(notFound);
                    }
                    if (status / 100 != 2) {
                        LOG.log(Level.WARNING, () -> "MangaDex answered HTTP " + status + " to " + uri);
                        throw new SourceException("MangaDex answered HTTP " + status + " to " + path);
                    }
                    return parse(body, path);
                }
            }
        } catch (HttpConnectTimeoutException e) {
            throw new SourceException("MangaDex could not be reached in time (" + base.getHost() + ")", e);
        } catch (HttpTimeoutException e) {
            throw new SourceException("MangaDex did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new SourceException("MangaDex could not be reached (" + base.getHost() + "): " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("Interrupted waiting for MangaDex", e);
        }
    }

    /** Holds every request back for as long as the 429 asks, or fails when that is too long or too often. */
    private void waitOut(HttpResponse<?> response, int attempt, String path) {
        Duration wait = RetryAfter.of(response.headers(), clock.instant()).orElse(DEFAULT_RETRY_WAIT);
        if (attempt >= RATE_LIMITED_RETRIES || wait.compareTo(LONGEST_RETRY_WAIT) > 0) {
            throw new SourceException("MangaDex is limiting our requests; try again in "
                                      + Math.max(1, wait.toSeconds()) + " s");
        }
        LOG.log(Level.INFO, () -> "MangaDex answered 429 to " + path + "; waiting " + wait.toMillis() + " ms");
        global.pauseFor(wait);
    }

    private static JsonObject parse(InputStream body, String path) throws IOException {
        byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw new SourceException("MangaDex sent an answer larger than " + MAX_ANSWER_BYTES + " bytes to " + path);
        }
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

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Ends requests in flight and releases the client's threads. */
    @Override
    public void close() throws InterruptedException {
        HttpClient client;
        synchronized (this) {
            closed = true;
            client = http;
        }
        if (client != null) {
            client.shutdownNow();
            client.awaitTermination(Duration.ofSeconds(5));
        }
        executor.shutdownNow();
    }
}
