package dev.jamra.server.events;

/** Tells one client what was wrong with what it sent; the connection stays open. */
public record ErrorEvent(String message) implements SessionEvent {

    public ErrorEvent {
        FieldChecks.nonEmpty(message, "message");
    }

    @Override
    public String name() {
        return EventNames.ERROR;
    }
}
