/**
 * The event channel's time: a {@link dev.jamra.server.websocket.time.Ticker} to measure silence with and
 * {@link dev.jamra.server.websocket.time.Timers} to run its periodic tasks and deadlines. The channel takes both
 * from outside, so that its tests move time by hand and never wait real seconds.
 */
package dev.jamra.server.websocket.time;
