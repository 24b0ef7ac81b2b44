package dev.jamra.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** Where the fake sites ({@link PageServer}, {@link FakeMangaDex}) listen, and how they answer a request. */
final class Exchanges {
    private Exchanges() {
    }

    /** A started server on a free port of the loopback address, its {@code handlers} on {@code executor}. */
    static HttpServer onLoopback(Executor executor, Map<String, HttpHandler> handlers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            handlers.forEach(server::createContext);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers {@code exchange} with {@code body}, typed {@code contentType} when not null. A client that went away
     * (a cancelled download) leaves nothing to answer.
     */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) {
        try (exchange) {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }
}
