package dev.jamra.server.events;

/** Tells one client what was wrong with what it sent; the connection stays open. */
public record ErrorEvent(String message) implements SessionEvent {

    public ErrorEvent {
        Require.id(message, "message");
    }

    @Override
    public String name() {
        return EventNames.ERROR;
    }
}
