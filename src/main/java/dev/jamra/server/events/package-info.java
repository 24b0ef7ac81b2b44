/**
 * The immutable model of what the event channel sends: a sealed hierarchy of records
 * ({@link dev.jamra.server.events.BroadcastEvent}s for many connections, {@link dev.jamra.server.events.SessionEvent}s
 * for one), their wire names, and {@link dev.jamra.server.events.EventCodec}, the one place that knows their JSON
 * form as docs/PROTOCOL.md defines it. Services publish through {@link dev.jamra.server.events.EventPublisher}.
 * Each broadcast says which connections receive it ({@code topic}) and what it may collapse into
 * ({@code coalesceKey}), so the channel needs no knowledge of the kinds of events. The same contract, as an
 * AsyncAPI document, is served at {@code GET /asyncapi.json} ({@link dev.jamra.server.events.AsyncApiService}).
 *
 * <p>It owns no connection, thread or queue: delivering an event is {@code websocket}'s work.
 */
package dev.jamra.server.events;
