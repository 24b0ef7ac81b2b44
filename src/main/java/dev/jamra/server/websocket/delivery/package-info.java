/**
 * How a message reaches a client's socket: {@link dev.jamra.server.websocket.delivery.OutgoingFrame}s, each
 * text's frame built once ({@link dev.jamra.server.websocket.delivery.TextFrames}), waiting per connection in a
 * bounded lock-free {@link dev.jamra.server.websocket.delivery.FrameQueue}, written in order by its
 * {@link dev.jamra.server.websocket.delivery.ConnectionWriter}, broadcasts by the few threads of the
 * {@link dev.jamra.server.websocket.delivery.FanOutWriters}, to a
 * {@link dev.jamra.server.websocket.delivery.ClientSocket} the transport provides.
 *
 * <p>It knows no event, session or subscription: what to send, and to whom, is decided above it (the
 * {@code websocket} package), which it never imports. It knows nothing of Helidon either, so all of it runs in
 * unit tests against sockets that record what they are given.
 */
package dev.jamra.server.websocket.delivery;
