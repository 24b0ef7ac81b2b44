package dev.jamra.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket client on a plain socket, for what the JDK client will not do: set {@code Host}, stop reading,
 * send oversized or fragmented frames, ignore pings, or drop the TCP connection without a close frame.
 */
public final class RawWebSocket implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A frame from the server. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final String responseHead;

    private RawWebSocket(Socket socket, int status, String responseHead, InputStream in) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(in);
        this.out = socket.getOutputStream();
        this.status = status;
        this.responseHead = responseHead;
    }

    /** Sends an upgrade request with the usual headers, overridden or completed by {@code headers}. */
    public static RawWebSocket upgrade(URI server, String path, Map<String, String> headers) {
        return upgrade(server, path, headers, 0);
    }

    /**
     * Opens the event channel at {@code server}'s root and reads its {@code connect} event, failing the test when
     * the upgrade is refused or the first frame is something else.
     */
    public static RawWebSocket connected(URI server) {
        RawWebSocket client = upgrade(server, "/", Map.of());
        if (client.status() != 101) {
            client.close();
            throw new AssertionError("The upgrade was refused: " + client.status());
        }
        String first = client.readFrame().text();
        if (!first.contains("\"connect\"")) {
            client.close();
            throw new AssertionError("The first frame is not connect: " + first);
        }
        return client;
    }

    /** @param receiveBuffer the socket's receive buffer in bytes, 0 for the system default */
    public static RawWebSocket upgrade(URI server, String path, Map<String, String> headers, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new java.net.InetSocketAddress(server.getHost(), server.getPort()),
                    (int) Await.TIMEOUT.toMillis());
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", server.getHost() + ":" + server.getPort());
            all.put("Upgrade", "websocket");
            all.put("Connection", "Upgrade");
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
            all.put("Sec-WebSocket-Version", "13");
            all.putAll(headers);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new RawWebSocket(socket, status, head, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line's code: 101 when the upgrade was accepted. */
    public int status() {
        return status;
    }

    public String responseHead() {
        return responseHead;
    }

    /** The response body after a refused upgrade (it has a Content-Length). */
    public String refusalBody() {
        try {
            int length = 0;
            for (String line : responseHead.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendText(String text) {
        sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one frame, masked as a client must. */
    public void sendFrame(int opcode, boolean fin, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xFF);
            } else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) (((long) payload.length >>> shift) & 0xFF));
                }
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends bytes as they are: a frame made by hand (unmasked, lying about its length), or a part of one. */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes how long a read waits before it fails. */
    public void readTimeout(java.time.Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame, waiting at most {@link Await#TIMEOUT}; a text message must match the AsyncAPI document. */
    public Frame readFrame() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            Frame frame = new Frame(first & 0x0F, (first & 0x80) != 0, payload);
            if (frame.opcode() == TEXT && frame.fin()) {
                // the server sends every message as one frame: each must keep the channel's AsyncAPI document
                ChannelContract.get().checkServerMessage(frame.text()).ifPresent(breach -> {
                    throw new AssertionError("The event channel broke its AsyncAPI document: " + breach);
                });
            }
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads frames until a close frame, skipping everything else; returns its code, or 1006 if the socket ends. */
    public int readUntilClose() {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof EOFException || e.getCause() instanceof java.net.SocketException) {
                return 1006;
            }
            throw e;
        }
    }

    /** Answers or starts the closing handshake with {@code code}. */
    public void sendClose(int code) {
        sendFrame(CLOSE, true, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** Cuts the TCP connection with a reset, as a crashed peer would: no close frame. */
    public void drop() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing to do about it
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
