package dev.jamra.server.helidon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.helidon.common.uri.UriFragment;
import io.helidon.common.uri.UriPath;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Registers the HTTP services and remembers their routes, so that a request no route takes can be told apart:
 * a known path asked with another method (405 with {@code Allow}) from an unknown path (404).
 *
 * <p>Helidon 4.5.0 answers both with 404 and says nowhere which methods a path takes: its routing keeps its routes
 * to itself. So each service's {@code routing} is called a second time on a recorder of its own (an
 * {@link HttpRules} that keeps the routes instead of serving them), and a path is matched against the recorded
 * routes by {@link HttpRoute#accepts}, with a request line made up for each method: the router's own matching,
 * replayed. {@code RouteTableTest} fails if Helidon starts answering 405 itself (then this class can go) or if its
 * matching of a made-up request line stops agreeing with the routes it serves.
 */
public final class RouteTable {
    /** The methods a route may answer; HEAD and OPTIONS follow from them. */
    private static final List<Method> ROUTED = List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH,
            Method.DELETE);

    private final HttpRouting.Builder routing;
    // filled while the routing is set up, read by every request after
    private final List<Known> routes = new CopyOnWriteArrayList<>();

    private record Known(String prefix, HttpRoute route) {
    }

    public RouteTable(HttpRouting.Builder routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    /**
     * Registers {@code service} under {@code path}, as {@link HttpRouting.Builder#register} does, and records its
     * routes by calling its {@code routing} once more (a service's routing only declares routes).
     */
    public RouteTable register(String path, HttpService service) {
        routing.register(path, service);
        service.routing(new Recorder(path));
        return this;
    }

    /**
     * The methods the routes take for this path, in the order of {@code Allow}: {@code HEAD} wherever {@code GET}
     * works, and {@code OPTIONS}; empty when no route knows the path.
     *
     * @param rawPath the request's path, still percent-encoded
     */
    public Set<Method> allowed(String rawPath) {
        Set<Method> accepted = new HashSet<>();
        for (Known known : routes) {
            String remainder = remainder(known.prefix(), rawPath);
            if (remainder == null) {
                continue;
            }
            for (Method method : ROUTED) {
                HttpPrologue probe = HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", method,
                        UriPath.create(remainder), UriQuery.empty(), UriFragment.empty());
                if (known.route().accepts(probe).accepted()) {
                    accepted.add(method);
                }
            }
        }
        if (accepted.isEmpty()) {
            return Set.of();
        }
        Set<Method> answer = new LinkedHashSet<>();
        for (Method method : ROUTED) {
            if (accepted.contains(method)) {
                answer.add(method);
                if (method == Method.GET) {
                    answer.add(Method.HEAD);
                }
            }
        }
        answer.add(Method.OPTIONS);
        return answer;
    }

    /** The path as the service under {@code prefix} sees it, or {@code null} when it is outside the prefix. */
    private static String remainder(String prefix, String path) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.isEmpty()) {
            return path;
        }
        if (path.equals(trimmed)) {
            return "/";
        }
        return path.startsWith(trimmed + "/") ? path.substring(trimmed.length()) : null;
    }

    /** Collects a service's routes instead of serving them. */
    private final class Recorder implements HttpRules {
        private final String prefix;

        Recorder(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                service.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String path, HttpService... services) {
            String nested = remainderJoin(prefix, path);
            for (HttpService service : services) {
                service.routing(new Recorder(nested));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            routes.add(new Known(prefix, route));
            return this;
        }

        private static String remainderJoin(String prefix, String path) {
            List<String> parts = new ArrayList<>();
            for (String part : (prefix + "/" + path).split("/")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return "/" + String.join("/", parts);
        }
    }
}
