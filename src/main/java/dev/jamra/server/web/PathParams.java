package dev.jamra.server.web;

import dev.jamra.server.errors.ServiceException;

import io.helidon.webserver.http.ServerRequest;

/** Path parameters as handlers read them, with a 400 naming the parameter when a number is not one. */
public final class PathParams {
    private PathParams() {
    }

    /** The value of path parameter {@code name}, decoded. */
    public static String text(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** Path parameter {@code name} as a whole number; 400 naming it when it is none. */
    public static int wholeNumber(ServerRequest req, String name) {
        String value = text(req, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.Invalid.field(name, "The " + name + " must be a whole number, was " + value);
        }
    }
}
