package dev.jamra.server.sources.mangadex;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/**
 * The {@code sources.mangadex} settings.
 *
 * @param apiUrl                   the API, {@code https://api.mangadex.org}
 * @param uploadsUrl               where covers are, {@code https://uploads.mangadex.org}
 * @param languages                translated languages to list chapters in, preferred first; also the order in
 *                                 which titles and descriptions are picked
 * @param contentRatings           content ratings to show
 * @param dataSaver                fetch compressed pages ({@code data-saver}) rather than the originals
 * @param requestsPerSecond        requests to the API per second, all routes together
 * @param atHomeRequestsPerMinute  requests per minute to {@code /at-home/server}, which has its own limit
 * @param timeout                  time for one API answer, from request to last byte; connecting gets at most 10 s
 *                                 of it
 * @param maxQueueWait             longest a request made for a person waits for its turn under the rate limits;
 *                                 past it the request is refused (503 with Retry-After)
 */
record MangaDexSettings(URI apiUrl, URI uploadsUrl, List<String> languages, List<String> contentRatings,
                        boolean dataSaver, int requestsPerSecond, int atHomeRequestsPerMinute, Duration timeout,
                        Duration maxQueueWait) {
    private static final Set<String> RATINGS = Set.of("safe", "suggestive", "erotica", "pornographic");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z]{2,4})?");

    MangaDexSettings {
        apiUrl = webUrl(apiUrl, "api-url");
        uploadsUrl = webUrl(uploadsUrl, "uploads-url");
        languages = List.copyOf(languages);
        contentRatings = List.copyOf(contentRatings);
        Objects.requireNonNull(timeout, "timeout");
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("sources.mangadex.languages names at least one language");
        }
        for (String language : languages) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException("Not a MangaDex language code: " + language);
            }
        }
        if (contentRatings.isEmpty()) {
            throw new IllegalArgumentException("sources.mangadex.content-ratings names at least one rating");
        }
        for (String rating : contentRatings) {
            if (!RATINGS.contains(rating)) {
                throw new IllegalArgumentException("Not a content rating: " + rating + " (one of " + RATINGS + ")");
            }
        }
        if (requestsPerSecond < 1 || atHomeRequestsPerMinute < 1) {
            throw new IllegalArgumentException("MangaDex request rates must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("sources.mangadex.timeout must be positive");
        }
        Objects.requireNonNull(maxQueueWait, "maxQueueWait");
        if (maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("sources.mangadex.max-queue-wait must not be negative");
        }
    }

    /**
     * Reads the {@code sources.mangadex} node, where the built-in {@code application.yaml} gives every key (the
     * defaults are MangaDex's real addresses and published limits).
     */
    static MangaDexSettings from(Config config) {
        return new MangaDexSettings(
                config.get("api-url").asString().map(URI::create).get(),
                config.get("uploads-url").asString().map(URI::create).get(),
                list(config.get("languages")),
                list(config.get("content-ratings")),
                config.get("data-saver").asBoolean().get(),
                config.get("requests-per-second").asInt().get(),
                config.get("at-home-requests-per-minute").asInt().get(),
                config.get("timeout").as(Duration.class).get(),
                config.get("max-queue-wait").as(Duration.class).get());
    }

    /** A YAML list, or one comma-separated value (as environment variables give it). */
    private static List<String> list(Config node) {
        List<String> values = node.isLeaf()
                ? Arrays.asList(node.asString().get().split(","))
                : node.asList(String.class).get();
        return values.stream()
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
    }

    private static URI webUrl(URI url, String name) {
        Objects.requireNonNull(url, name);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("sources.mangadex." + name + " must be an http(s) URL, was " + url);
        }
        String text = url.toString();
        // without a trailing slash, so paths can be appended as they are
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }
}
