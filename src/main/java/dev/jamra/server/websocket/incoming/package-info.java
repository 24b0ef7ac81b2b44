/**
 * What clients send, read safely: the frames of a message joined, capped and decoded once, whole
 * ({@link dev.jamra.server.websocket.incoming.MessageAssembler}), and a message read as one of the requests the
 * protocol knows, or refused with a sentence saying what was wrong
 * ({@link dev.jamra.server.websocket.incoming.ClientMessage}). It answers nothing itself.
 */
package dev.jamra.server.websocket.incoming;
