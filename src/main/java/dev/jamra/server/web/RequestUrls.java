package dev.jamra.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.http.ServerRequest;

/**
 * Absolute URLs back to this server, as the client addressed it, for links the client follows later (page images
 * shown by a page whose own origin is not this server). The {@code Host} is trusted because {@link HostFilter}
 * has checked it.
 */
public final class RequestUrls {
    private RequestUrls() {
    }

    /** {@code http://host:port} of the request. */
    public static String base(ServerRequest req) {
        UriInfo uri = req.requestedUri();
        return uri.scheme() + "://" + uri.authority();
    }

    /** {@code value} encoded as one path segment. */
    public static String segment(String value) {
        // URLEncoder is for forms: spaces become '+' and the unreserved '~' is escaped; paths want neither.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }
}
