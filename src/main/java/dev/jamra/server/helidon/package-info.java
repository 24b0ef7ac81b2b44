/**
 * The one place that reaches past Helidon's public API, to work around what Helidon 4.5.0 lacks, and the event
 * channel on Helidon. Each reach names the Helidon version and the limitation it works around in its class, and a
 * test fails if Helidon's behaviour changes under it, so that it can go when Helidon no longer needs it. No class
 * outside this package imports a Helidon WebSocket type or one of Helidon's SPI or internal packages;
 * {@code LayeringTest} holds the code to it (and lists exactly which packages count).
 *
 * <h2>HTTP</h2>
 * {@link dev.jamra.server.helidon.RouteTable} (405 with {@code Allow}: Helidon answers a known path asked with
 * another method with 404) and {@link dev.jamra.server.helidon.HeadRequests} ({@code HEAD} wherever {@code GET}
 * works: Helidon routes {@code HEAD} to {@code HEAD} routes only, and writes their bodies), guarded by
 * {@code RouteTableTest} and {@code HeadRequestsTest}. Both are behaviour docs/API.md promises, so they stay.
 *
 * <h2>The event channel</h2>
 * The channel's hub ({@code websocket}) knows nothing of Helidon; this package adapts Helidon's WebSocket to it:
 * the endpoints ({@link dev.jamra.server.helidon.ChannelEndpoints}), the upgrade filter, the listener that hands
 * each connection's frames to the channel ({@link dev.jamra.server.helidon.ChannelListener}), and the
 * {@link dev.jamra.server.websocket.delivery.ClientSocket} over a Helidon session
 * ({@link dev.jamra.server.helidon.SessionSocket}).
 *
 * <h3>Its reaches into Helidon 4.5.0, kept</h3>
 * Each is named in its class with the limitation it works around, and checked on a real server by
 * {@code HelidonReachesTest}, so that an upgrade of Helidon that changes what it relies on fails a test:
 * <table>
 *     <caption>What each reach buys, and the test that guards it</caption>
 *     <tr><th>reach</th><th>why it stays</th><th>guarded by</th></tr>
 *     <tr><td>{@code SessionSocket} writes an event's ready-made frame through the session's
 *     {@code ConnectionContext.dataWriter()}</td>
 *     <td>speed: a frame is built once for all recipients and waiting ones go out in one write, where
 *     {@code WsSession.send} would encode and copy the text again per connection
 *     (docs/PERFORMANCE.md)</td>
 *     <td>{@code framesMadeOnceAreWrittenAsTheyAreSeveralInOneWrite}</td></tr>
 *     <tr><td>{@code SessionSocket} cuts a socket through {@code ServerConnection.close(true)}</td>
 *     <td>robustness: the only way to drop a client that stopped reading; without it a stalled client holds
 *     its thread and memory until the kernel gives up</td>
 *     <td>{@code aCutClosesTheSocketAndEndsHelidonsThreadForIt}</td></tr>
 *     <tr><td>{@code SessionSocket} watches the thread Helidon runs {@code onOpen} on</td>
 *     <td>robustness: Helidon calls no listener method when a peer just drops; that thread ending is how the
 *     channel learns it, and frees the connection's place and memory</td>
 *     <td>{@code aPeerThatJustDropsEndsHelidonsThreadForTheSocket}</td></tr>
 *     <tr><td>{@code OriginDeferringUpgradeProvider}, an {@code Http1UpgradeProvider} (SPI) in front of
 *     Helidon's</td>
 *     <td>function: Helidon's upgrader takes an {@code Origin} only when it is the {@code Host} or listed
 *     verbatim, before any filter; the reader's own page ({@code tauri://localhost}) and development servers
 *     (any port) need the patterns of {@code web.OriginPolicy}. It is also where the tap below is put in.</td>
 *     <td>{@code ourUpgradeProviderIsTheOneInUseAndTapsTheRawBytesHelidonLoses}, and {@code AccessTest}</td></tr>
 *     <tr><td>{@code TextTappingContext} and {@code RawTextFrames} read the client's bytes alongside Helidon</td>
 *     <td>the documented contract: Helidon decodes each text frame alone, so a character split between frames is
 *     lost and a message that is not UTF-8 cannot be told (docs/PROTOCOL.md: decoded whole, 1007); and a reserved
 *     opcode makes Helidon write an HTTP 500 onto the WebSocket instead of closing with 1002</td>
 *     <td>{@code ourUpgradeProviderIsTheOneInUseAndTapsTheRawBytesHelidonLoses},
 *     {@code helidonStillFailsOnAReservedOpcodeButRefusesReservedBitsItself}, and
 *     {@code FragmentedMessagesTest}, {@code MalformedFramesTest}</td></tr>
 * </table>
 *
 * <h3>Dropped</h3>
 * <ul>
 *     <li>{@code RawTextFrames} refused frames with reserved bits set: Helidon 4.5.0 refuses them itself with
 *     1002 ({@code helidonStillFailsOnAReservedOpcodeButRefusesReservedBitsItself} checks that it still
 *     does).</li>
 *     <li>{@code SessionSocket} wrote through {@code WsSession.send} when a session offered no raw writer: it
 *     served only unit tests, which now run the channel over sockets of their own; a session that is not what
 *     Helidon 4.5.0 makes fails at once, and the tests above with it.</li>
 * </ul>
 * Helidon's public API also falls short in places this package handles without a reach: no automatic pong, no
 * {@code onClose} after a drop, a 500 for an upgrade key that is not base64 ({@code UpgradeFilter} answers 400),
 * and a close with 1011 and an exception's text when a frame cannot be read ({@code ChannelListener.onError}).
 */
package dev.jamra.server.helidon;
