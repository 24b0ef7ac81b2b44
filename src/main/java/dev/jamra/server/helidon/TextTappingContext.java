package dev.jamra.server.helidon;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsCloseException;

/**
 * A WebSocket connection's context as Helidon's upgrader gets it: the same in everything, except that the bytes
 * Helidon reads from the client pass through {@link RawTextFrames} first, which keeps the raw text payloads and
 * stops at a frame Helidon would mishandle (then reading fails with a close code, which Helidon sends). The
 * listener finds the frames through its session's {@code socketContext()}.
 *
 * <p>A reach into Helidon 4.5.0's internals: it relies on its {@code WsConnection} reading every frame through
 * the {@code dataReader()} of the context the upgrader was given, from the first byte after the upgrade request,
 * and on the session's {@code socketContext()} being that context. {@code HelidonReachesTest} checks both.
 */
final class TextTappingContext implements ConnectionContext {
    private final ConnectionContext delegate;
    private final RawTextFrames textFrames;
    private DataReader reader;  // created on first use, on the connection's thread

    TextTappingContext(ConnectionContext delegate, long maxFrameLength) {
        this.delegate = delegate;
        this.textFrames = new RawTextFrames(maxFrameLength);
    }

    RawTextFrames textFrames() {
        return textFrames;
    }

    @Override
    public DataReader dataReader() {
        if (reader == null) {
            DataReader source = delegate.dataReader();
            // what the upgrade request left unread comes first, then whatever the socket brings
            reader = DataReader.create(() -> {
                refuseIfAsked();
                source.ensureAvailable();
                byte[] bytes = source.readBytes(source.available());
                int passed = textFrames.accept(bytes, 0, bytes.length);
                if (passed == bytes.length) {
                    return bytes;
                }
                if (passed == 0) {
                    refuseIfAsked();
                }
                return Arrays.copyOf(bytes, passed);  // the frames before the refused one are still read
            });
        }
        return reader;
    }

    /** Helidon closes with the exception's code and message when reading a frame throws it. */
    private void refuseIfAsked() {
        String refusal = textFrames.refusal();
        if (refusal != null) {
            throw new WsCloseException(refusal, WsCloseCodes.PROTOCOL_ERROR);
        }
    }

    @Override
    public DataWriter dataWriter() {
        return delegate.dataWriter();
    }

    @Override
    public ListenerContext listenerContext() {
        return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return delegate.executor();
    }

    @Override
    public Router router() {
        return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String socketId() {
        return delegate.socketId();
    }

    @Override
    public String childSocketId() {
        return delegate.childSocketId();
    }
}
