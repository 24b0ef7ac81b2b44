/**
 * The live event channel: WebSocket upgrades on {@code /} and {@code /ws}, each connection's messages, queues,
 * writer threads, heartbeat and limits, and what is kept so that clients can resume. It owns every thread it
 * starts and stops them in {@link dev.jamra.server.websocket.EventChannel#shutdown()}.
 *
 * <p>It does not decide what happened or how an event looks on the wire: services publish records of
 * {@code events}, and {@code events.EventCodec} encodes them. Which HTTP hosts and origins are trusted is
 * {@code web.OriginPolicy}'s; this package only applies it to upgrades.
 *
 * <h2>An event's way out</h2>
 * <pre>
 * service ── EventChannel.publish(event)              any thread; never waits on a client
 *              │  under the publish lock: seq = last + 1, one OutgoingFrame.Text built once
 *              │  (EventCodec JSON + TextFrames frame bytes), recorded in SessionHistory
 *              ▼
 *   SubscriptionManager.forEachRecipient(event)       the recipients, each exactly once:
 *              │    library:*    → every connection
 *              │    download:*   → connections without subscriptions + subscribers of that download
 *              ▼
 *   ConnectionWriter.queueBroadcast → FrameQueue.offer        still under the lock; lock-free, never blocks
 *              │    FULL (even after waiting messages collapse to the newest per event coalesce key:
 *              │         download:progress per download, library:update:progress)
 *              │         → close 1008 "slow consumer"
 *              ▼  the lock is released
 *   FanOutWriters.write(recipients)                   a pass: a few "ws-fanout-N" virtual threads share
 *              │                                      one cursor over the recipients
 *              ▼
 *   ConnectionWriter.drainHere                        per recipient: unless another thread is writing to it,
 *              │                                      its waiting frames: pong, ping, texts in seq order,
 *              │                                      close last; waiting texts joined into one write
 *              ▼
 *   SessionSocket: text → the frame bytes written whole with Helidon's DataWriter.writeNow;
 *                  ping, pong, close → WsSession
 * </pre>
 * A client that stops reading blocks the thread writing to it once its socket is full; the timers notice that
 * the pass has stopped moving and give it another thread. Frames for one connection alone (connect,
 * acknowledgements, errors, replays, pings, pongs, the close frame) take the same queue, and a
 * {@code ws-writer-<session id>} virtual thread drains it when nobody else is.
 *
 * <h2>A client's way in</h2>
 * <pre>
 * upgrade ── HostFilter, then UpgradeFilter: 400 bad key, 403 origin, 503 full or shutting down
 *              ▼
 *   Helidon's upgrader through OriginDeferringUpgradeProvider → EventChannelListener.onOpen
 *              │    → EventChannel.open: connect queued, then a resume's replay; joins SubscriptionManager
 *              ▼
 *   each frame: TextTappingContext/RawTextFrames (raw text payloads) → EventChannelListener
 *              ▼
 *   MessageAssembler (size, fragments) → ClientMessage → EventChannel.subscribe / unsubscribe
 *              ▼  under the publish lock: SubscriptionManager + SessionHistory change,
 *   SubscriptionAck or ErrorEvent queued on the same FrameQueue, through ConnectionWriter.send
 * </pre>
 *
 * <p>Timers are {@link dev.jamra.server.websocket.ChannelTimers}' one thread: the heartbeat (ping, or close after
 * the idle timeout), the reaper (sockets that ended, messages left unfinished, retention), the fan-out progress
 * check and each closing connection's deadline, after which its socket is cut.
 */
package dev.jamra.server.websocket;
