package dev.jamra.server.events;

/**
 * Names the messages that supersede one another for a client that cannot keep up: while several with the same key
 * wait in its queue, only the newest matters. {@code event} keeps the keys of different events apart; {@code id}
 * tells apart what one event is about (a download), or is empty when there is one thing (the library update).
 */
public record CoalesceKey(String event, String id) {

    public CoalesceKey {
        FieldChecks.nonEmpty(event, "event");
        java.util.Objects.requireNonNull(id, "id");
    }
}
