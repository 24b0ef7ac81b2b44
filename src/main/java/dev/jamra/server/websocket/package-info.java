/**
 * The live event channel, whatever carries it: publishing, each connection's admission, resume, requests,
 * heartbeat and closing, and what is kept so that clients can resume. It knows nothing of Helidon: the transport
 * (the {@code helidon} package) hands it each connection as a
 * {@link dev.jamra.server.websocket.delivery.ClientSocket} and each frame the client sends to the connection's
 * {@link dev.jamra.server.websocket.Inbound}. It owns every thread it starts and stops them in
 * {@link dev.jamra.server.websocket.EventChannel#shutdown()}; it takes its clock and timers from outside, so all
 * of it runs in unit tests without a server, and without waiting real seconds.
 *
 * <p>It does not decide what happened or how an event looks on the wire: services publish records of
 * {@code events}, and {@code events.EventCodec} encodes them; each broadcast says who receives it (its topic) and
 * what it may collapse into (its coalesce key). Which HTTP hosts and origins are trusted is
 * {@code web.OriginPolicy}'s.
 *
 * <h2>Layers</h2>
 * <pre>
 * helidon ──► websocket      the channel and its connections: EventChannel, Inbound, Timeline, Endings...
 *               ├──► history ──► delivery     what is kept for resumes and snapshots
 *               ├──► incoming                 what clients send: frames to messages to requests
 *               ├──► delivery                 frames out: queues, writers, fan-out, the ClientSocket port
 *               └──► time                     the ticker and the timers
 * </pre>
 * Each arrow is an import; none goes back, and no class outside {@code helidon} touches a Helidon WebSocket or
 * internal type ({@code LayeringTest} holds the code to both).
 *
 * <h2>An event's way out</h2>
 * <pre>
 * service ── EventChannel.publish(event)              any thread; never waits on a client
 *              ▼
 *   Timeline.publish                                  under the publish lock: seq = last + 1, one
 *              │                                      OutgoingFrame.Text built once (EventCodec JSON and its
 *              │                                      frame bytes), recorded in SessionHistory
 *              ▼
 *   SubscriptionManager.forEachRecipient(topic)       the recipients, each exactly once:
 *              │    no topic (library:*)  → every connection
 *              │    a download            → connections without subscriptions + that download's subscribers
 *              ▼
 *   ConnectionWriter.queueBroadcast → FrameQueue.offer   still under the lock; lock-free, never blocks
 *              │    FULL (even after waiting messages collapse to the newest per coalesce key:
 *              │         download:progress per download, library:update:progress)
 *              │         → Endings.closeSlowConsumer: close 1008 "slow consumer", after the pass started
 *              ▼  the lock is released
 *   FanOutWriters.write(recipients)                   a pass: a few "ws-fanout-N" virtual threads share
 *              │                                      one cursor over the recipients
 *              ▼
 *   ConnectionWriter.drainHere                        per recipient: unless another thread is writing to it,
 *              │                                      its waiting frames: pong, ping, texts in seq order,
 *              │                                      close last; waiting texts joined into one write
 *              ▼
 *   ClientSocket.write(frame bytes)                   helidon.SessionSocket: the bytes as they are, whole
 * </pre>
 * A client that stops reading blocks the thread writing to it once its socket is full; the timers notice that
 * the pass has stopped moving and give it another thread. Frames for one connection alone (connect,
 * acknowledgements, errors, replays, pings, pongs, the close frame) take the same queue, and a
 * {@code ws-writer-<session id>} virtual thread drains it when nobody else is.
 *
 * <h2>A client's way in</h2>
 * <pre>
 * upgrade ── (helidon) HostFilter, then UpgradeFilter: 400 bad key, 403 origin, 503 full or shutting down
 *              ▼
 *   EventChannel.open(socket, resume)                 Admission: a place, or closed with 1013 at once
 *              │    Timeline.join, under the publish lock: connect queued, then a resume's replay
 *              │    (SessionHistory decides it); joins SubscriptionManager; a connection still open with the
 *              │    resumed session is closed with 1008
 *              ▼
 *   Inbound: each frame the transport reads          text (raw bytes) · binary · ping · pong · close
 *              ▼
 *   MessageAssembler (size, fragments, UTF-8) → ClientMessage → Timeline.subscribe / unsubscribe
 *              ▼  under the publish lock: SubscriptionManager and the session's history change,
 *   SubscriptionAck or ErrorEvent queued on the same FrameQueue
 * </pre>
 *
 * <h2>How a connection ends</h2>
 * One word for each way, in the code, the log and the documents ({@link dev.jamra.server.websocket.Endings}):
 * the server <b>closes</b> a connection (its close frame goes last; Heartbeat: 1000 idle, Inbound: 1009 or 1007,
 * Reaper: 1008 unfinished message, a slow consumer or a resumed session: 1008, Admission: 1013, shutdown: 1001;
 * the transport, for a frame it cannot read: 1002, {@code Inbound.transportClosed}); the client <b>closes</b> it
 * with its own close frame ({@code Inbound.close}); the server <b>cuts</b> the socket, without a close frame, when
 * a close is not answered within the close timeout or a write fails; the connection is <b>lost</b> when the socket
 * goes without a word (the Reaper finds those). Whichever way, it then <b>ends</b>: it is forgotten, its place
 * given back, its session kept resumable for a while.
 *
 * <p>Timers (a {@link dev.jamra.server.websocket.time.Timers}, one {@code ws-timer} thread in the server) run the
 * Heartbeat (a ping, or a close after the idle timeout), the Reaper (lost sockets, messages left unfinished,
 * retention), the fan-out progress check and each closing connection's deadline, after which its socket is cut.
 */
package dev.jamra.server.websocket;
