package dev.jamra.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, as a browser holds one: a request at a time, the answer read whole
 * (Content-Length, chunked or until the server closes) into a buffer the connection reuses. It costs the
 * measurement next to nothing (no JSON parsing, no copies beyond the socket's), so what is timed is the server.
 */
final class HttpConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 300_000;

    private final String host;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] body = new byte[64 * 1024];
    private int bodyLength;
    private boolean open = true;

    HttpConnection(String hostName, int port) throws IOException {
        this.host = hostName + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(hostName, port), CONNECT_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Whether the server left the connection open after the last answer. */
    boolean isOpen() {
        return open;
    }

    /** Sends a GET and reads the whole answer; returns its status. The body stays in {@link #body()}. */
    int get(String target) throws IOException {
        return send("GET", target, null);
    }

    /** Sends a request with a JSON body ({@code null} for none) and reads the whole answer; returns its status. */
    int send(String method, String target, String json) throws IOException {
        byte[] payload = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nAccept: application/json\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (payload.length > 0) {
            out.write(payload);
        }
        out.flush();
        return readAnswer();
    }

    /** The body of the last answer, valid until the next request. */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private int readAnswer() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close");
                default -> { }
            }
        }
        bodyLength = 0;
        if (chunked) {
            readChunks();
        } else if (contentLength >= 0) {
            readBytes(Math.toIntExact(contentLength));
        } else if (status != 204 && status != 304) {
            readToEnd();
            close = true;
        }
        if (close) {
            close();
        }
        return status;
    }

    private void readChunks() throws IOException {
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // trailers, if any, end with an empty line
                while (!line().isEmpty()) {
                    // skipped
                }
                return;
            }
            readBytes(size);
            if (!line().isEmpty()) {
                throw new IOException("a chunk did not end with CRLF");
            }
        }
    }

    private void readBytes(int count) throws IOException {
        ensure(bodyLength + count);
        int done = 0;
        while (done < count) {
            int read = in.read(body, bodyLength + done, count - done);
            if (read < 0) {
                throw new EOFException("the answer ended " + (count - done) + " bytes early");
            }
            done += read;
        }
        bodyLength += count;
    }

    private void readToEnd() throws IOException {
        while (true) {
            ensure(bodyLength + 8192);
            int read = in.read(body, bodyLength, body.length - bodyLength);
            if (read < 0) {
                return;
            }
            bodyLength += read;
        }
    }

    private void ensure(int capacity) {
        if (capacity > body.length) {
            body = Arrays.copyOf(body, Math.max(capacity, body.length * 2));
        }
    }

    /** A header-section line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we are done with: nothing to do about it
        }
    }
}
