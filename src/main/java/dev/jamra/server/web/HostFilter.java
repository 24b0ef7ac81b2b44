package dev.jamra.server.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses, with 403, every request (HTTP or WebSocket upgrade) whose {@code Host} is neither loopback nor a
 * configured name. A web page that rebinds its own DNS name to 127.0.0.1 still sends that name as the Host, so
 * it cannot reach the API.
 */
public final class HostFilter implements Filter {
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowedNames;
    private final boolean allowAll;

    /**
     * @param allowedHosts host names (without port) accepted besides loopback; {@code *} accepts every host
     */
    public HostFilter(List<String> allowedHosts) {
        this.allowedNames = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.allowAll = allowedNames.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        if (allows(host)) {
            chain.proceed();
            return;
        }
        res.status(Status.FORBIDDEN_403)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(ErrorBodies.of("Host '" + host + "' is not allowed; add it to server.allowed-hosts").toString());
    }

    /** Whether a {@code Host} header value, with or without port, names this server. */
    boolean allows(String hostHeader) {
        if (allowAll) {
            return true;
        }
        String name = hostName(hostHeader.trim().toLowerCase(Locale.ROOT));
        return !name.isEmpty() && (LOOPBACK.contains(name) || allowedNames.contains(name));
    }

    /** The name part of a lower-case {@code Host} value, without its port; empty when it is malformed. */
    static String hostName(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            if (end < 0) {
                return "";
            }
            String rest = hostHeader.substring(end + 1);
            return rest.isEmpty() || isPort(rest) ? hostHeader.substring(0, end + 1) : "";
        }
        int colon = hostHeader.indexOf(':');
        if (colon < 0) {
            return hostHeader;
        }
        return isPort(hostHeader.substring(colon)) ? hostHeader.substring(0, colon) : "";
    }

    private static boolean isPort(String colonAndDigits) {
        return colonAndDigits.length() > 1 && colonAndDigits.length() <= 6 && colonAndDigits.charAt(0) == ':'
                && colonAndDigits.substring(1).chars().allMatch(Character::isDigit);
    }
}
