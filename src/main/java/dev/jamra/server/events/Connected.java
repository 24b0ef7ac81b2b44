package dev.jamra.server.events;

/** First message on every connection: confirms the session and names it. */
public record Connected(String message, String sessionId) implements SessionEvent {

    /** The greeting the renderer expects. */
    public static final String GREETING = "Connected to manga reader server";

    public Connected {
        Require.id(message, "message");
        Require.id(sessionId, "sessionId");
    }

    public static Connected session(String sessionId) {
        return new Connected(GREETING, sessionId);
    }

    @Override
    public String name() {
        return EventNames.CONNECT;
    }
}
