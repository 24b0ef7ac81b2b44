package dev.jamra.server.opds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.jamra.server.web.ErrorBodies;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * HTTP Basic authentication of what the catalog hands an OPDS app, when {@code opds.username} and
 * {@code opds.password} are set: every {@code /opds} route (feeds, search, page streams) and the {@code .cbz} route
 * its acquisition links point to, since a guard on the feeds alone would leave what they link to open. Anything
 * else passes untouched (the reader app does not speak Basic authentication), and so do {@code OPTIONS} requests,
 * which a browser's CORS preflight sends without credentials. The credentials are compared in constant time, as
 * digests, so neither their content nor their length shows in the answer's timing; a refusal is a 401 with
 * {@code WWW-Authenticate}.
 */
public final class OpdsAccess implements Filter {
    /** The paths guarded, after runs of slashes are folded into one. */
    private static final Pattern GUARDED = Pattern.compile("/opds(/.*)?|/api/library/[^/]+/chapters/[^/]+/cbz/?");
    static final String CHALLENGE = "Basic realm=\"JAMRA\", charset=\"UTF-8\"";

    private final Optional<byte[]> expected;

    public OpdsAccess(OpdsSettings settings) {
        this.expected = settings.username()
                .map(username -> digest(username + ":" + settings.password().orElseThrow()));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (expected.isEmpty() || req.prologue().method() == Method.OPTIONS || !guarded(req.path().path())) {
            chain.proceed();
            return;
        }
        if (authorized(req.headers().first(HeaderNames.AUTHORIZATION))) {
            chain.proceed();
            return;
        }
        res.status(Status.UNAUTHORIZED_401)
                .header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(ErrorBodies.of("This catalog needs a user name and password (HTTP Basic)").toString());
    }

    /** Whether requests to {@code path} need credentials (when credentials are set). */
    static boolean guarded(String path) {
        return GUARDED.matcher(path.replaceAll("/{2,}", "/")).matches();
    }

    /** Whether an {@code Authorization} header carries the configured user name and password. */
    boolean authorized(Optional<String> header) {
        Optional<byte[]> given = header.flatMap(OpdsAccess::credentials);
        // digests of equal length whatever was sent, compared in constant time
        return MessageDigest.isEqual(expected.orElseThrow(), digest(given.map(bytes ->
                new String(bytes, StandardCharsets.UTF_8)).orElse("\0")));
    }

    /** The {@code user:password} bytes of a {@code Basic} header; empty when it is another scheme or malformed. */
    static Optional<byte[]> credentials(String header) {
        String value = header.strip();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(value.substring(6).strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
