package dev.jamra.server.helidon;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.jamra.server.websocket.EventChannel;
import dev.jamra.server.websocket.Inbound;
import dev.jamra.server.websocket.history.ResumeRequest;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * Helidon's callbacks for one connection, which it runs one after another on that connection's thread, handed to
 * the channel's {@link Inbound}. Every callback catches what it raises: an exception escaping would make Helidon
 * close the socket with 1011 and the exception's message.
 */
final class ChannelListener implements WsListener {
    private static final System.Logger LOG = System.getLogger(ChannelListener.class.getName());

    private final EventChannel channel;
    private Optional<ResumeRequest> resume = Optional.empty();
    private Inbound inbound;  // null until opened, and if opening failed
    private RawTextFrames textFrames;  // null if the session does not come through TextTappingContext

    ChannelListener(EventChannel channel) {
        this.channel = channel;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        try {
            resume = ResumeRequest.from(name -> prologue.query().first(name).asOptional());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Unreadable resume request; opening a new session", e);
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        try {
            // a reach: Helidon 4.5.0 decodes each text frame alone; OriginDeferringUpgradeProvider's tap keeps
            // its raw bytes (HelidonReachesTest.ourUpgradeProviderIsTheOneInUseAndTapsTheRawBytesHelidonLoses)
            if (session.socketContext() instanceof TextTappingContext tapped) {
                textFrames = tapped.textFrames();
            }
            inbound = channel.open(SessionSocket.of(session), resume);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not open a WebSocket connection", e);
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (inbound != null) {
            inbound.text(rawPayload(text), last);
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
            LOG.log(Level.WARNING, () -> "Raw text frame of " + inbound.sessionId() + " "
                                         + (raw == null ? "missing" : "of " + raw.length + " bytes does not match"));
            textFrames = null;  // out of step: from now on trust only what Helidon decoded
        }
        return decoded.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (inbound != null) {
            inbound.binary(buffer.available(), last);
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        if (inbound != null) {
            byte[] payload = new byte[buffer.available()];
            buffer.read(payload);
            inbound.ping(payload);
        }
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        if (inbound != null) {
            inbound.pong();
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        if (inbound != null) {
            inbound.close(status, reason);
        }
    }

    /**
     * Helidon calls this when processing a frame threw: our callbacks catch what they raise, so it is Helidon
     * refusing a frame it cannot read (such as a close frame of one byte). Helidon 4.5.0 then closes with 1011 and
     * the exception's message; the close frame sent here first goes out instead, without internals.
     */
    @Override
    public void onError(WsSession session, Throwable t) {
        boolean ours = t instanceof Error;
        session.close(ours ? WsCloseCodes.UNEXPECTED_CONDITION : WsCloseCodes.PROTOCOL_ERROR,
                ours ? "Internal error" : "Invalid frame");
        if (inbound != null) {
            if (ours) {
                LOG.log(Level.ERROR, "WebSocket " + inbound.sessionId() + " failed", t);
            } else {
                LOG.log(Level.DEBUG, () -> "WebSocket " + inbound.sessionId() + " sent a frame Helidon refused: " + t);
            }
            inbound.transportClosed(ours ? "failed: " + t : "invalid frame");
        }
    }
}
