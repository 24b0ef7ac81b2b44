package dev.jamra.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Talks to one server the way the reader's web view does: keep-alive connections, at most {@code maxConnections}
 * of them (browsers hold six per host over HTTP/1.1), opened when a request finds none idle. Requests issued
 * together are sent on as many connections at once as it has.
 */
final class Browser implements AutoCloseable {
    /** One exchange on a connection. */
    @FunctionalInterface
    interface Exchange<T> {
        T on(HttpConnection connection) throws IOException;
    }

    private final String host;
    private final int port;
    private final LinkedBlockingQueue<HttpConnection> idle = new LinkedBlockingQueue<>();
    private final ExecutorService senders;

    Browser(String host, int port, int maxConnections) {
        this.host = host;
        this.port = port;
        this.senders = Executors.newFixedThreadPool(maxConnections,
                Thread.ofPlatform().name("browser-connection-", 0).daemon().factory());
    }

    /** Runs one exchange on an idle connection, or a new one. */
    <T> T exchange(Exchange<T> exchange) throws IOException {
        HttpConnection connection = idle.poll();
        if (connection == null) {
            connection = new HttpConnection(host, port);
        }
        try {
            T result = exchange.on(connection);
            if (connection.isOpen()) {
                idle.add(connection);
                connection = null;
            }
            return result;
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** A GET whose answer must be 200. */
    void get200(String target) throws IOException {
        exchange(connection -> expect200(connection, target));
    }

    /** Runs every exchange at once, as many in flight as there are connections, and waits for all of them. */
    <T> List<T> all(List<Exchange<T>> exchanges) throws IOException {
        List<Future<T>> sent = new ArrayList<>(exchanges.size());
        for (Exchange<T> exchange : exchanges) {
            sent.add(senders.submit(() -> exchange(exchange)));
        }
        List<T> results = new ArrayList<>(exchanges.size());
        for (Future<T> future : sent) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return results;
    }

    /** Sends the GET on {@code connection} and fails unless the answer is 200. */
    static Void expect200(HttpConnection connection, String target) throws IOException {
        int status = connection.get(target);
        if (status != 200) {
            throw new IOException("GET " + target + " answered " + status + ": " + connection.bodyText());
        }
        return null;
    }

    @Override
    public void close() {
        senders.shutdownNow();
        idle.forEach(HttpConnection::close);
        idle.clear();
    }
}
