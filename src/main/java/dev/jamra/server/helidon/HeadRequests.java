package dev.jamra.server.helidon;

import java.io.FilterOutputStream;
import java.io.OutputStream;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code HEAD} wherever {@code GET} works: the request is routed as a {@code GET} and the body it produces is
 * dropped, so the answer has the status and headers of the {@code GET} and no content. Handlers that must not act on
 * a {@code HEAD} (recording a page as read) ask {@link #isHead}.
 *
 * <p>Helidon 4.5.0 routes {@code HEAD} only to routes declared for {@code HEAD} (a {@code GET} route answers it with
 * 404), and a handler that answers a {@code HEAD} with a body gets that body written on the wire, where the client
 * reads it as the start of the next answer. So this filter rewrites the request line to {@code GET} before routing
 * ({@link RoutingRequest#prologue(HttpPrologue)}) and swallows the body with a stream filter. {@code HeadRequestsTest}
 * fails if Helidon starts doing either itself (then this class can go).
 */
public final class HeadRequests implements Filter {
    private static final Object MARK = HeadRequests.class.getName() + ".head";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue prologue = req.prologue();
        if (prologue.method() != Method.HEAD) {
            chain.proceed();
            return;
        }
        req.prologue(HttpPrologue.create(prologue.rawProtocol(), prologue.protocol(), prologue.protocolVersion(),
                Method.GET, prologue.uriPath(), prologue.query(), prologue.fragment()));
        req.context().register(MARK, Boolean.TRUE);
        res.streamFilter(Discarding::new);
        chain.proceed();
    }

    /** Whether the client asked with {@code HEAD}, though the request is routed as a {@code GET}. */
    public static boolean isHead(ServerRequest req) {
        return req.context().get(MARK, Boolean.class).orElse(false);
    }

    /** Swallows the body; closing still closes the response stream, which sends the status and headers. */
    private static final class Discarding extends FilterOutputStream {
        Discarding(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            // dropped: a HEAD answer has no content
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // dropped: a HEAD answer has no content
        }
    }
}
