package dev.jamra.server.sources;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * The redirects a page fetch follows, by hand rather than by the HTTP client, so that each one is checked.
 *
 * <p>The rule, against server-side request forgery: a redirect may lead to {@code http} or {@code https} on any
 * host, except that it may not move to another host whose address is this machine or its link-local network:
 * loopback ({@code 127.0.0.0/8}, {@code ::1}), link-local ({@code 169.254.0.0/16}, where cloud metadata services
 * answer, and {@code fe80::/10}) or the any-local address ({@code 0.0.0.0}, {@code ::}). A redirect that stays on
 * the host named by the page's own URL is followed whatever that host is, since the source chose it. At most
 * {@link #MAX} redirects are followed. The host is resolved here and again when connecting, so a DNS answer that
 * changes in between is not caught.
 */
final class Redirects {
    static final int MAX = 5;
    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    /**
     * Where a redirect response leads, when the rule allows it.
     *
     * @param original the page's own URL
     * @param current  the URL that answered with the redirect
     */
    static URI target(URI original, URI current, HttpResponse<?> response) throws PageFetchException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new PageFetchException("HTTP " + response.statusCode() + " without a Location from "
                                                          + current, false, null));
        URI target;
        try {
            target = current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new PageFetchException("Invalid redirect from " + current + " to " + location, false, e);
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || target.getHost() == null) {
            throw new PageFetchException("Refused a redirect from " + current + " to " + target, false, null);
        }
        if (!sameHost(original, target)) {
            refuseLocal(current, target);
        }
        return target;
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    private static void refuseLocal(URI current, URI target) throws PageFetchException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.getHost());
        } catch (UnknownHostException e) {
            throw new PageFetchException("Unknown host " + target.getHost() + " in a redirect from " + current, true, e);
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
                throw new PageFetchException("Refused a redirect from " + current + " to " + target.getHost()
                                             + ", a local address", false, null);
            }
        }
    }
}
