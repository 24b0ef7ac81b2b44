package dev.jamra.server.testing;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/** How the fake sites ({@link PageServer}, {@link FakeMangaDex}) answer a request. */
final class Exchanges {
    private Exchanges() {
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
