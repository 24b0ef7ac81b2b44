package dev.jamra.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One WebSocket connection of the tool, driven by its {@link EventLoop}: connects, upgrades, reads frames,
 * answers pings, and counts the {@code library:item:updated} messages of the target item with their latency.
 * Only its loop's thread touches it.
 */
final class Peer {
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECT = MessageScan.bytes("connect");
    private static final byte[] ACK = MessageScan.bytes("subscription:ack");
    private static final byte[] UPDATED = MessageScan.bytes("library:item:updated");

    private final InetSocketAddress address;
    private final String hostHeader;
    private final byte[] targetLibraryId;
    private final String subscribeTo;
    private final boolean stalls;
    private final int stalledBuffer;
    private final EventLoop loop;
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private ByteBuffer out;
    private boolean upgraded;
    private boolean closed;
    private byte[] fragments;
    private int fragmentLength;

    private boolean draining;  // a stalled client reading again at the end of the run
    private int closeCode;     // 0 while open; the close frame's code, or 1006 when the socket just ended

    private long lastSeq = -1;
    int updates;
    int duplicates;

    Peer(InetSocketAddress address, String hostHeader, String targetLibraryId, String subscribeTo, boolean stalls,
         int stalledBuffer, EventLoop loop) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.targetLibraryId = MessageScan.bytes(targetLibraryId);
        this.subscribeTo = subscribeTo;
        this.stalls = stalls;
        this.stalledBuffer = stalledBuffer;
        this.loop = loop;
    }

    boolean stalls() {
        return stalls;
    }

    boolean isClosed() {
        return closed;
    }

    /** How the server ended the connection: the close frame's code, 1006 for a socket that just ended, else 0. */
    int closeCode() {
        return closeCode;
    }

    /**
     * A stalled client starts reading again, to learn whether the server closed it: it reads what was kept for
     * it and then the close frame, or finds the socket ended.
     */
    void drain() {
        if (stalls && !closed && key.isValid()) {
            draining = true;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void start(Selector selector) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (stalls) {
                // small, so that the kernel holds little for it and the server's own queue fills
                channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, stalledBuffer);
            }
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(address)) {
                connected();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    void handle(SelectionKey selected) {
        try {
            if (selected.isConnectable() && channel.finishConnect()) {
                connected();
            }
            if (selected.isValid() && selected.isWritable()) {
                flush();
            }
            if (selected.isValid() && selected.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            if (draining && closeCode == 0) {
                closeCode = 1006;  // reset by the server
            }
            fail(e);
        }
    }

    void resetCounts() {
        updates = 0;
        duplicates = 0;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (upgraded && !stalls) {
                write(frame(0x8, new byte[] {0x03, (byte) 0xE8}));
            }
            channel.close();
        } catch (IOException ignored) {
            // closing at the end of a run: nothing more to do
        }
    }

    private void connected() throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET / HTTP/1.1\r\n"
                         + "Host: " + hostHeader + "\r\n"
                         + "Upgrade: websocket\r\n"
                         + "Connection: Upgrade\r\n"
                         + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                         + "Sec-WebSocket-Version: 13\r\n\r\n";
        key.interestOps(SelectionKey.OP_READ);
        write(request.getBytes(StandardCharsets.US_ASCII));
    }

    private void read() throws IOException {
        if (channel.read(in) < 0) {
            if (closeCode == 0) {
                closeCode = 1006;
            }
            closedByServer();
            return;
        }
        in.flip();
        if (!upgraded && !readHandshake()) {
            in.compact();
            return;
        }
        while (readFrame()) {
            // each call consumed one frame
        }
        in.compact();
        if (!in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
    }

    private boolean readHandshake() throws IOException {
        byte[] data = in.array();
        int start = in.position();
        int limit = in.limit();
        for (int i = start; i + HEAD_END.length <= limit; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                String head = new String(data, start, i - start, StandardCharsets.US_ASCII);
                in.position(i + HEAD_END.length);
                if (!head.startsWith("HTTP/1.1 101")) {
                    throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
                }
                upgraded = true;
                return true;
            }
        }
        return false;
    }

    /** Consumes one whole frame if the buffer holds one. */
    private boolean readFrame() throws IOException {
        int available = in.remaining();
        if (available < 2) {
            return false;
        }
        int p = in.position();
        byte[] data = in.array();
        int first = data[p] & 0xFF;
        int second = data[p + 1] & 0xFF;
        long length = second & 0x7F;
        int header = 2;
        if (length == 126) {
            if (available < 4) {
                return false;
            }
            length = ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                return false;
            }
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (data[p + 2 + i] & 0xFF);
            }
            header = 10;
        }
        if (length > Integer.MAX_VALUE - header || available < header + length) {
            if (header + length > in.capacity()) {
                growFor((int) (header + length));
            }
            return false;
        }
        int payload = p + header;
        int size = (int) length;
        in.position(payload + size);
        boolean fin = (first & 0x80) != 0;
        switch (first & 0x0F) {
            case 0x1, 0x0 -> text(data, payload, size, fin);
            case 0x9 -> write(frame(0xA, java.util.Arrays.copyOfRange(data, payload, payload + size)));
            case 0x8 -> {
                if (closeCode == 0) {
                    closeCode = size >= 2 ? ((data[payload] & 0xFF) << 8) | (data[payload + 1] & 0xFF) : 1005;
                }
                closedByServer();
            }
            default -> {
                // binary and pong: nothing to do
            }
        }
        return !closed;
    }

    private void text(byte[] data, int offset, int length, boolean fin) {
        if (!fin || fragmentLength > 0) {
            if (fragments == null || fragments.length < fragmentLength + length) {
                fragments = java.util.Arrays.copyOf(fragments == null ? new byte[0] : fragments,
                        Math.max(2 * (fragmentLength + length), 1024));
            }
            System.arraycopy(data, offset, fragments, fragmentLength, length);
            fragmentLength += length;
            if (!fin) {
                return;
            }
            data = fragments;
            offset = 0;
            length = fragmentLength;
            fragmentLength = 0;
        }
        MessageScan scan = loop.scan();
        if (!scan.scan(data, offset, length)) {
            return;
        }
        if (scan.eventIs(UPDATED)) {
            if (scan.libraryIdIs(targetLibraryId)) {
                if (scan.seq >= 0 && scan.seq <= lastSeq) {
                    duplicates++;
                    return;
                }
                lastSeq = Math.max(lastSeq, scan.seq);
                updates++;
                loop.recordLatency(scan.dataTimestamp);
            }
        } else if (scan.eventIs(CONNECT)) {
            if (subscribeTo != null) {
                String subscribe = "{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\""
                                   + subscribeTo + "\"}}";
                write(frame(0x1, subscribe.getBytes(StandardCharsets.UTF_8)));
            } else {
                becomeReady();
            }
        } else if (scan.eventIs(ACK)) {
            becomeReady();
        }
        // other broadcasts are not part of the measurement
    }

    private void becomeReady() {
        if (stalls && !draining) {
            key.interestOps(0);  // from now on it reads nothing: the server's queue for it fills up
        }
        ready.complete(null);
    }

    private void growFor(int frameSize) {
        ByteBuffer bigger = ByteBuffer.allocate(Integer.highestOneBit(frameSize) * 2);
        bigger.put(in);
        bigger.flip();
        in = bigger;
    }

    private void write(byte[] bytes) {
        if (closed) {
            return;
        }
        try {
            if (out == null) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                channel.write(buffer);
                if (buffer.hasRemaining()) {
                    out = buffer;
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                }
            } else {
                ByteBuffer joined = ByteBuffer.allocate(out.remaining() + bytes.length);
                joined.put(out).put(bytes).flip();
                out = joined;
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void flush() throws IOException {
        channel.write(out);
        if (!out.hasRemaining()) {
            out = null;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /** A client frame: FIN set, masked as RFC 6455 requires of clients. */
    private static byte[] frame(int opcode, byte[] payload) {
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private void closedByServer() {
        if (!ready.isDone()) {
            ready.completeExceptionally(new IOException("closed by the server before it was ready"));
        }
        close();
    }

    private void fail(Exception e) {
        ready.completeExceptionally(e);
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
    }
}
