package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;

import dev.jamra.server.events.ErrorEvent;
import dev.jamra.server.websocket.delivery.FrameQueue;
import dev.jamra.server.websocket.incoming.ClientMessage;
import dev.jamra.server.websocket.incoming.MessageAssembler;
import dev.jamra.server.websocket.time.Ticker;

/**
 * What one client sends, frame by frame, as the transport hands it over from the connection's own thread (the
 * calls of one connection never overlap): each frame counts as the client being heard; text frames are joined
 * into messages and answered, anything else wrong with them gets an {@code error} or closes the connection.
 * Nothing here throws at the transport.
 */
public final class Inbound {
    private static final System.Logger LOG = System.getLogger(Inbound.class.getName());

    private final ClientConnection connection;
    private final Timeline timeline;
    private final Endings endings;
    private final Ticker ticker;
    private final MessageAssembler assembler;

    Inbound(ClientConnection connection, Timeline timeline, Endings endings, Ticker ticker, int maxMessageSize) {
        this.connection = connection;
        this.timeline = timeline;
        this.endings = endings;
        this.ticker = ticker;
        this.assembler = new MessageAssembler(maxMessageSize);
    }

    /** The session this connection has: for the transport's log. */
    public String sessionId() {
        return connection.sessionId();
    }

    /**
     * A text frame, as the client sent it: its payload's bytes, not yet decoded (a character may be split between
     * frames); {@code last} when it ends its message.
     */
    public void text(byte[] payload, boolean last) {
        long now = ticker.nanoTime();
        connection.heard(now);
        try {
            String message = assembler.text(payload, last);
            if (message == null) {
                connection.messageStarted(now);
                return;
            }
            connection.messageFinished();
            handle(message);
        } catch (MessageAssembler.TooBig e) {
            refuse(CloseReason.TOO_BIG, e);
        } catch (MessageAssembler.NotUtf8 e) {
            refuse(CloseReason.NOT_UTF8, e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Failed to handle a message on " + connection.sessionId(), e);
            reply(new ErrorEvent("The server could not handle that message"));
        }
    }

    /** A binary frame of {@code length} bytes: counted against the size cap, and refused once its message ends. */
    public void binary(int length, boolean last) {
        long now = ticker.nanoTime();
        connection.heard(now);
        try {
            if (assembler.binary(length, last)) {
                connection.messageFinished();
                reply(new ErrorEvent("Binary messages are not supported; send JSON as text"));
            } else {
                connection.messageStarted(now);
            }
        } catch (MessageAssembler.TooBig e) {
            refuse(CloseReason.TOO_BIG, e);
        }
    }

    /** Ends the message being received and closes the connection with {@code code}, saying why. */
    private void refuse(int code, Exception why) {
        connection.messageFinished();
        endings.close(connection, new CloseReason(code, why.getMessage()));
    }

    /** A ping: answered with a pong echoing {@code payload}. */
    public void ping(byte[] payload) {
        connection.heard(ticker.nanoTime());
        connection.writer().pong(payload);
    }

    /** A pong, the answer to the heartbeat's ping. */
    public void pong() {
        connection.heard(ticker.nanoTime());
    }

    /** The client's close frame: the connection is over. */
    public void close(int code, String reason) {
        connection.endsBecause("closed by the client: " + code + " " + reason);
        endings.end(connection);
    }

    /**
     * The transport closed the connection itself, for {@code why} (a frame it could not read): it is over. The
     * transport's close frame stands in for the server's; as with the client's close, the connection ends now.
     */
    public void transportClosed(String why) {
        connection.endsBecause(why);
        endings.end(connection);
    }

    private void handle(String text) {
        try {
            FrameQueue.Offer answered = switch (ClientMessage.parse(text)) {
                case ClientMessage.Subscribe subscribe -> timeline.subscribe(connection, subscribe.downloadId());
                case ClientMessage.Unsubscribe unsubscribe ->
                        timeline.unsubscribe(connection, unsubscribe.downloadId());
            };
            closeIfFull(answered);
        } catch (ClientMessage.InvalidMessage e) {
            reply(new ErrorEvent(e.getMessage()));
        }
    }

    private void reply(ErrorEvent error) {
        closeIfFull(connection.send(timeline.encode(error)));
    }

    private void closeIfFull(FrameQueue.Offer offer) {
        if (offer == FrameQueue.Offer.FULL) {
            endings.closeSlowConsumer(connection);
        }
    }
}
