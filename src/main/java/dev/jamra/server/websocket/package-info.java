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
 *              │  under the publish lock: seq = last + 1, one Outbound.Text built once
 *              │  (EventCodec JSON + TextFrames frame bytes), recorded in SessionHistory
 *              ▼
 *   SubscriptionManager.forEachRecipient(event, seq)  the recipients, each once per seq:
 *              │    library:*    → every connection
 *              │    download:*   → connections without subscriptions + subscribers of that download
 *              ▼
 *   EventChannel.enqueue → ClientConnection.send → OutboundQueue.offer     lock-free, never blocks
 *              │    FULL (even after waiting download:progress collapse to the newest per download)
 *              │         → close 1008 "slow consumer"
 *              │    START_WRITER → ClientConnection starts a virtual thread "ws-writer-&lt;session id&gt;"
 *              ▼
 *   writer: ClientConnection.write loops OutboundQueue.next()
 *              │    order: pong, ping, text messages in seq order, close last;
 *              │    parks when empty; the reaper retires it after about 2 s idle
 *              ▼
 *   socket: text → the frame bytes written whole with Helidon's DataWriter.writeNow;
 *           ping, pong, close → WsSession
 * </pre>
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
 *   SubscriptionAck or ErrorEvent queued on the same OutboundQueue
 * </pre>
 *
 * <p>Timers are EventChannel's one scheduler thread: the heartbeat (ping, or close after the idle timeout), the
 * reaper (sockets that ended, messages left unfinished, idle writers, retention) and each closing connection's
 * deadline, after which its socket is cut.
 */
package dev.jamra.server.websocket;
