package dev.jamra.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers at once with its headers, then drips its body one byte at a time, a pause between
 * each, far slower than any deadline: what an answer's deadline must cut short, headers or not.
 */
public final class DrippingServer implements AutoCloseable {
    private static final int BODY_LENGTH = 100_000;

    private final ServerSocket socket;
    private final String contentType;
    private final Duration pause;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    private DrippingServer(ServerSocket socket, String contentType, Duration pause) {
        this.socket = socket;
        this.contentType = contentType;
        this.pause = pause;
        this.acceptor = Thread.ofVirtual().name("dripping-server").start(this::accept);
    }

    /** A server on loopback whose answers declare {@code contentType} and drip a byte each {@code pause}. */
    public static DrippingServer start(String contentType, Duration pause) {
        try {
            return new DrippingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), contentType, pause);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Requests whose headers it read. */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> drip(client));
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    private void drip(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            readHead(in);
            requests.incrementAndGet();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + BODY_LENGTH
                       + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < BODY_LENGTH; i++) {
                out.write(i == 0 ? '{' : ' ');
                out.flush();
                Thread.sleep(pause);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, or the server closes
        } finally {
            open.remove(client);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket client : open) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        acceptor.interrupt();
    }
}
