package dev.jamra.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange on a plain socket, for what the JDK client refuses to send (a {@code Host} of one's
 * choosing) and for requests a server answers before reading them whole (a body over the size limit): the body
 * is written by another thread while this one reads the answer, so an answer sent early, followed by a close, is
 * still seen.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The answer: status, head (status line and headers) and body. */
    public record Answer(int status, String head, String body) {
        /** The first value of a header, by its case-insensitive name. */
        public java.util.Optional<String> header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** A GET with the given {@code Host} header. */
    public static Answer get(URI server, String path, String hostHeader) {
        return exchange(server, "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n", new byte[0]);
    }

    /**
     * @param head the request line and headers, each ending in CRLF, without the blank line
     */
    public static Answer exchange(URI server, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), (int) Await.TIMEOUT.toMillis());
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException expected) {
                    // the server may close the connection once it has answered
                }
            });
            InputStream in = socket.getInputStream();
            String responseHead = readHead(in);
            int status = Integer.parseInt(responseHead.split(" ", 3)[1]);
            int length = 0;
            for (String line : responseHead.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            String responseBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            socket.close();
            writer.join(Await.TIMEOUT);
            return new Answer(status, responseHead, responseBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * One connection kept open across exchanges. The server takes a connection's requests one after another, so
     * an answer here comes only once everything the previous request started on the server is done.
     */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final String host;

        private Connection(Socket socket, String host) {
            this.socket = socket;
            this.host = host;
        }

        public static Connection open(URI server) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(server.getHost(), server.getPort()),
                        (int) Await.TIMEOUT.toMillis());
                socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Connection(socket, "localhost:" + server.getPort());
        }

        /** A request without a body; a {@code HEAD} answer has no body, whatever its headers say. */
        public Answer send(String method, String path) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int status = Integer.parseInt(head.split(" ", 3)[1]);
                byte[] body = method.equals("HEAD") ? new byte[0] : in.readNBytes(contentLength(head));
                return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new AssertionError("no Content-Length in " + head);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        String text = "";
        while (!text.endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the answer's head ended: " + text);
            }
            head.write(b);
            text = head.toString(StandardCharsets.ISO_8859_1);
        }
        // an interim 100 Continue precedes the real answer
        if (text.startsWith("HTTP/1.1 100")) {
            return readHead(in);
        }
        return text;
    }
}
