package dev.jamra.server.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The URLs an outbound request may go to: a page's own and those its redirects lead to (or those of a source's
 * API), followed by hand rather than by the HTTP client so that each one is checked. Each must be {@code http} or
 * {@code https} with a host; at most {@link #MAX} redirects are followed. Which addresses the hosts may have is the
 * {@link OutboundGuard}'s rule, applied to every connection, the first one included.
 */
public final class Redirects {
    public static final int MAX = 5;
    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    public static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    /** A page's own URL, when it is one a fetch may request. */
    static URI checked(String url) throws PageFetchException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new PageFetchException("The source gave an invalid page URL", false, null);
        }
        return fetchable(uri, "The source gave a page URL");
    }

    /**
     * Where a redirect response leads, when the rule allows it.
     *
     * @param current  the URL that answered with the redirect
     * @param location its {@code Location} header, {@code null} when missing
     */
    public static URI target(URI current, int status, String location) throws PageFetchException {
        if (location == null || location.isBlank()) {
            throw new PageFetchException("HTTP " + status + " without a Location", false, null);
        }
        URI target;
        try {
            target = current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PageFetchException("Refused a redirect to an invalid URL", false, null);
        }
        return fetchable(target, "Refused a redirect to a URL");
    }

    private static URI fetchable(URI uri, String what) throws PageFetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PageFetchException(what + " that is not http(s)", false, null);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new PageFetchException(what + " without a host", false, null);
        }
        return uri;
    }
}
