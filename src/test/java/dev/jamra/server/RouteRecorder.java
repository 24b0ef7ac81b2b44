package dev.jamra.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

/**
 * An {@link HttpRouting.Builder} that routes nothing and writes down every route registered on it, with the path
 * prefixes of the services it is given, as {@code "GET /api/library/{id}"}. A route it cannot read (a bare
 * {@code HttpRoute}, a route without a path) is written down as {@code "UNREADABLE ..."} so a check fails on it.
 */
final class RouteRecorder implements InvocationHandler {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options",
            "trace", "any");

    private final String prefix;
    private final Set<String> routes;
    private final HttpRouting.Builder self;

    private RouteRecorder(String prefix, Set<String> routes) {
        this.prefix = prefix;
        this.routes = routes;
        this.self = (HttpRouting.Builder) Proxy.newProxyInstance(RouteRecorder.class.getClassLoader(),
                new Class<?>[] {HttpRouting.Builder.class}, this);
    }

    /** A builder that adds each route registered on it to {@code routes}. */
    static HttpRouting.Builder into(Set<String> routes) {
        return new RouteRecorder("", routes).self;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        Object[] arguments = args == null ? new Object[0] : args;
        switch (name) {
            case "toString" -> {
                return "RouteRecorder" + prefix;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == arguments[0];
            }
            case "register" -> register(arguments);
            case "addFeature" -> feature(arguments[0]).setup(self);
            case "route" -> route(arguments);
            default -> {
                if (METHODS.contains(name)) {
                    if (arguments.length > 0 && arguments[0] instanceof String path) {
                        routes.add(name.toUpperCase(Locale.ROOT) + " " + join(prefix, path));
                    } else {
                        routes.add("UNREADABLE " + name + " without a path under " + prefix);
                    }
                }
            }
        }
        return method.getReturnType().isInstance(self) ? self : null;
    }

    private void register(Object[] arguments) {
        String path = arguments.length > 0 && arguments[0] instanceof String p ? p : "";
        for (Object argument : arguments) {
            for (HttpService service : services(argument)) {
                service.routing(new RouteRecorder(join(prefix, path), routes).self);
            }
        }
    }

    private void route(Object[] arguments) {
        if (arguments.length == 3 && arguments[0] instanceof io.helidon.http.Method method
            && arguments[1] instanceof String path) {
            routes.add(method.text() + " " + join(prefix, path));
        } else {
            routes.add("UNREADABLE route " + List.of(arguments) + " under " + prefix);
        }
    }

    private static List<HttpService> services(Object argument) {
        if (argument instanceof HttpService service) {
            return List.of(service);
        }
        if (argument instanceof HttpService[] services) {
            return List.of(services);
        }
        if (argument instanceof Supplier<?> supplier) {
            return services(supplier.get());
        }
        if (argument instanceof Supplier<?>[] suppliers) {
            return List.of(suppliers).stream().flatMap(s -> services(s).stream()).toList();
        }
        if (argument instanceof List<?> list) {
            return list.stream().flatMap(item -> services(item).stream()).toList();
        }
        return List.of();
    }

    private static HttpFeature feature(Object argument) {
        return argument instanceof Supplier<?> supplier ? (HttpFeature) supplier.get() : (HttpFeature) argument;
    }

    /** {@code /api/library} and {@code /} give {@code /api/library}; {@code /} and {@code /} give {@code /}. */
    static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
