package dev.jamra.server.websocket;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;

/**
 * A session whose peer reads instantly: every frame is accepted and dropped. For tests and benchmarks that drive
 * a connection without a socket; extend it to record what is sent.
 */
class DiscardingSession implements WsSession {

    @Override
    public WsSession send(String text, boolean last) {
        return this;
    }

    @Override
    public WsSession send(BufferData bufferData, boolean last) {
        return this;
    }

    @Override
    public WsSession ping(BufferData bufferData) {
        return this;
    }

    @Override
    public WsSession pong(BufferData bufferData) {
        return this;
    }

    @Override
    public WsSession close(int code, String reason) {
        return this;
    }

    @Override
    public WsSession terminate() {
        return this;
    }

    @Override
    public SocketContext socketContext() {
        return null;  // no socket behind this session
    }
}
