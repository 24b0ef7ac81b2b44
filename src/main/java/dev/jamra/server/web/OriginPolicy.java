package dev.jamra.server.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which web pages may use the server, judged by a request's {@code Origin}: for the event channel's upgrade and
 * for the REST API's cross-origin calls alike. A request without {@code Origin} comes from a native client
 * (browsers always send it) and passes. A page of the server's own origin passes when the request's {@code Host}
 * names the server by a name it knows for itself: loopback, or a name listed in {@code server.allowed-hosts}.
 * Everything else must match a pattern: {@code *} allows every origin, a trailing {@code :*} any port (or none),
 * another {@code *} any run of host characters.
 *
 * <p>{@code server.allowed-hosts: "*"} lets any {@code Host} through the host check, but never makes a page
 * trusted: a page whose own DNS name was rebound to this server sends that name as both {@code Host} and
 * {@code Origin}, and "own origin" would otherwise let it in.
 */
public final class OriginPolicy {

    /**
     * The default allow-list (README, "Event channel", Origins): the renderer in development, on loopback, and
     * inside the desktop shell. {@code websocket.allowed-origins} replaces it.
     */
    public static final List<String> DEFAULT_PATTERNS = List.of(
            "http://localhost:*",
            "http://127.0.0.1:*",
            "http://[::1]:*",
            "tauri://localhost",
            "http://tauri.localhost",
            "https://tauri.localhost");

    private final boolean allowAll;
    private final List<Pattern> patterns;
    private final Set<String> ownNames;

    /** A policy for a server known by its loopback names only. */
    public OriginPolicy(List<String> patterns) {
        this(patterns, List.of());
    }

    /**
     * @param patterns     origin patterns allowed besides the server's own origin
     * @param allowedHosts {@code server.allowed-hosts}: names the server is known by besides loopback ({@code *}
     *                     among them names none)
     */
    public OriginPolicy(List<String> patterns, List<String> allowedHosts) {
        this.allowAll = patterns.contains("*");
        this.patterns = patterns.stream().map(OriginPolicy::compile).toList();
        Set<String> names = new HashSet<>(HostFilter.LOOPBACK);
        allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.equals("*"))
                .forEach(names::add);
        this.ownNames = Set.copyOf(names);
    }

    /**
     * @param origin the {@code Origin} header, if any
     * @param host   the {@code Host} header of the same request
     */
    public boolean allows(Optional<String> origin, String host) {
        if (origin.isEmpty() || allowAll) {
            return true;
        }
        String value = origin.get().trim().toLowerCase(Locale.ROOT);
        String ownHost = host.trim().toLowerCase(Locale.ROOT);
        if (ownNames.contains(HostFilter.hostName(ownHost))
            && (value.equals("http://" + ownHost) || value.equals("https://" + ownHost))) {
            return true;
        }
        return patterns.stream().anyMatch(p -> p.matcher(value).matches());
    }

    private static Pattern compile(String pattern) {
        String lower = pattern.trim().toLowerCase(Locale.ROOT);
        String anyPort = "";
        if (lower.endsWith(":*")) {
            lower = lower.substring(0, lower.length() - 2);
            anyPort = "(:[0-9]{1,5})?";
        }
        StringBuilder regex = new StringBuilder();
        for (String part : lower.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[a-z0-9.-]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex + anyPort);
    }
}
