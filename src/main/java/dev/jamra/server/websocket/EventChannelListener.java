package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.jamra.server.events.ErrorEvent;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * Helidon's callbacks for one connection, which it runs one after another on that connection's thread. Every
 * callback catches what it raises: an exception escaping would make Helidon close the socket with 1011.
 */
final class EventChannelListener implements WsListener {
    private static final System.Logger LOG = System.getLogger(EventChannelListener.class.getName());

    private final EventChannel channel;
    private final MessageAssembler assembler;
    private ClientConnection connection;
    private Optional<ResumeRequest> resume = Optional.empty();
    private RawTextFrames textFrames;  // null if the session does not come through TextTappingContext

    EventChannelListener(EventChannel channel, int maxMessageSize) {
        this.channel = channel;
        this.assembler = new MessageAssembler(maxMessageSize);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        try {
            resume = ResumeRequest.from(prologue.query());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Unreadable resume request; opening a new session", e);
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        try {
            if (session.socketContext() instanceof TextTappingContext tapped) {
                textFrames = tapped.textFrames();
            }
            connection = channel.open(session, resume);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not open a WebSocket connection", e);
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (connection == null) {
            return;
        }
        try {
            connection.heard();
            String message = assembler.text(rawPayload(text), last);
            if (message != null) {
                connection.messageFinished();
                handle(message);
            } else {
                connection.messageStarted();
            }
        } catch (MessageAssembler.TooBig e) {
            connection.messageFinished();
            channel.close(connection, WsCloseCodes.TOO_BIG, e.getMessage(), true);
        } catch (MessageAssembler.NotUtf8 e) {
            connection.messageFinished();
            channel.close(connection, WsCloseCodes.NOT_CONSISTENT, e.getMessage(), true);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Failed to handle a message on " + connection.sessionId(), e);
            channel.send(connection, new ErrorEvent("The server could not handle that message"));
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (connection == null) {
            return;
        }
        try {
            connection.heard();
            if (assembler.binary(buffer.available(), last)) {
                connection.messageFinished();
                channel.send(connection, new ErrorEvent("Binary messages are not supported; send JSON as text"));
            } else {
                connection.messageStarted();
            }
        } catch (MessageAssembler.TooBig e) {
            connection.messageFinished();
            channel.close(connection, WsCloseCodes.TOO_BIG, e.getMessage(), true);
        }
    }

    /**
     * The frame's bytes as the client sent them. Helidon decoded {@code decoded} from exactly these bytes on their
     * own; decoding them the same way again proves they belong to this frame. Without them the decoded text is
     * all there is, which is exact unless a character was split between frames.
     */
    private byte[] rawPayload(String decoded) {
        byte[] raw = textFrames == null ? null : textFrames.next();
        if (raw != null && new String(raw, StandardCharsets.UTF_8).equals(decoded)) {
            return raw;
        }
        if (textFrames != null) {
            LOG.log(Level.WARNING, () -> "Raw text frame of " + connection.sessionId() + " "
                                         + (raw == null ? "missing" : "of " + raw.length + " bytes does not match"));
            textFrames = null;  // out of step: from now on trust only what Helidon decoded
        }
        return decoded.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        if (connection == null) {
            return;
        }
        connection.heard();
        byte[] payload = new byte[buffer.available()];
        buffer.read(payload);
        connection.writer().pong(payload);
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        if (connection != null) {
            connection.heard();
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        if (connection != null) {
            channel.closedByClient(connection, status, reason);
        }
    }

    /**
     * Helidon calls this when processing a frame threw: our callbacks catch what they raise, so it is Helidon
     * refusing a frame it cannot read (such as a close frame of one byte). Helidon then closes with 1011 and the
     * exception's message; the close frame sent here first goes out instead, without internals.
     */
    @Override
    public void onError(WsSession session, Throwable t) {
        boolean ours = t instanceof Error;
        session.close(ours ? WsCloseCodes.UNEXPECTED_CONDITION : WsCloseCodes.PROTOCOL_ERROR,
                ours ? "Internal error" : "Invalid frame");
        if (connection != null) {
            if (ours) {
                LOG.log(Level.ERROR, "WebSocket " + connection.sessionId() + " failed", t);
            } else {
                LOG.log(Level.DEBUG, () -> "WebSocket " + connection.sessionId() + " sent a frame Helidon refused: " + t);
            }
            channel.ended(connection);
        }
    }

    private void handle(String text) {
        try {
            switch (ClientMessage.parse(text)) {
                case ClientMessage.Subscribe subscribe -> channel.subscribe(connection, subscribe.downloadId());
                case ClientMessage.Unsubscribe unsubscribe -> channel.unsubscribe(connection, unsubscribe.downloadId());
            }
        } catch (ClientMessage.InvalidMessage e) {
            channel.send(connection, new ErrorEvent(e.getMessage()));
        }
    }
}
