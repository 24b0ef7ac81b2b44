package dev.jamra.server.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import dev.jamra.server.errors.ServiceException;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends the covers sources serve themselves so that clients can cache them: an {@code ETag} made from the cover's
 * version, {@code Last-Modified}, {@code Cache-Control: private, max-age=60} (a changed cover shows within a
 * minute), and {@code 304 Not Modified} without a body when a conditional request's validators still match
 * (RFC 9110, section 13: {@code If-None-Match} decides when present, else {@code If-Modified-Since}).
 */
final class CoverSender {
    private static final System.Logger LOG = System.getLogger(CoverSender.class.getName());
    static final String CACHE_CONTROL = "private, max-age=60";
    /** RFC 9110's IMF-fixdate, with a two-digit day (Helidon's own formatter writes "6 May"). */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private CoverSender() {
    }

    static void send(ServerRequest req, ServerResponse res, String sourceId, CoverImage cover) {
        String etag = "\"" + cover.version() + "\"";
        res.header(HeaderNames.ETAG, etag)
                .header(HeaderNames.LAST_MODIFIED, HTTP_DATE.format(cover.lastModified()))
                .header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        if (notModified(req.headers(), etag, cover.lastModified())) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        try (InputStream in = cover.open()) {
            res.header(HeaderNames.CONTENT_TYPE, cover.contentType());
            if (cover.size() != -1) {
                res.contentLength(cover.size());
            }
            try (OutputStream out = res.outputStream()) {
                in.transferTo(out);
            } catch (IOException | UncheckedIOException e) {
                // the client went away, or the file changed under us: the answer is half sent, nothing more to say
                LOG.log(Level.DEBUG, () -> "A cover of source " + sourceId + " was not fully sent: " + e);
            }
        } catch (SourceNotFoundException e) {
            throw new ServiceException.NotFound(e.getMessage());
        } catch (IOException e) {
            // the detail may name a file of this machine: logged, not passed on
            LOG.log(Level.WARNING, "A cover of source " + sourceId + " cannot be read: " + e);
            throw new ServiceException.SourceFailure("The cover could not be read from the source '" + sourceId + "'",
                    e);
        }
    }

    /** Whether the client's copy, described by its conditional headers, is still this one. */
    static boolean notModified(ServerRequestHeaders headers, String etag, Instant lastModified) {
        Optional<String> ifNoneMatch = headers.first(HeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch.isPresent()) {
            return matches(ifNoneMatch.get(), etag);
        }
        Optional<ZonedDateTime> since = ifModifiedSince(headers);
        // HTTP dates have whole seconds: a file changed within the second it was sent counts as unchanged
        return since.isPresent() && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since.get().toInstant());
    }

    /** Whether an {@code If-None-Match} list holds {@code etag} by the weak comparison, or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || opaque(candidate).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** A date the client sent, ignored when it is not a valid HTTP date (as RFC 9110 asks). */
    private static Optional<ZonedDateTime> ifModifiedSince(ServerRequestHeaders headers) {
        try {
            return headers.ifModifiedSince();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
