package dev.jamra.server.helidon;

import java.util.Optional;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrade;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrader;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgradeProvider;

/**
 * A reach into Helidon 4.5.0's upgrade SPI ({@code io.helidon.webserver.http1.spi}, marked internal), for two
 * limitations of its WebSocket upgrader:
 * <ul>
 *     <li>It accepts an {@code Origin} only when it equals the {@code Host} or is listed verbatim in
 *     {@link WsConfig#origins()}, and checks it before any routing filter runs: the reader's own page
 *     ({@code tauri://localhost}) and development servers (any port of localhost) would get 403. Our allow-list
 *     has patterns, judged by {@link UpgradeFilter}; so this provider hands Helidon's upgrader copies of the
 *     headers without {@code Origin}, both when it prepares the upgrade and when it completes it. Filters see the
 *     real request.</li>
 *     <li>It hands a listener each text frame decoded on its own, so the bytes of a character split between
 *     frames are lost: this provider hands the upgrader a {@link TextTappingContext} instead of the connection's
 *     context, so the listener gets the raw bytes of text frames.</li>
 * </ul>
 * Weighted above Helidon's own provider and registered in {@code META-INF/services}, it is the one Helidon uses;
 * {@code HelidonReachesTest} checks that it is, and that both still work, on a real server.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 10)
public final class OriginDeferringUpgradeProvider implements Http1UpgradeProvider<WsConfig> {
    private final WsUpgradeProvider helidon = new WsUpgradeProvider();

    @Override
    public String protocolType() {
        return helidon.protocolType();
    }

    @Override
    public Class<WsConfig> protocolConfigType() {
        return WsConfig.class;
    }

    /**
     * Helidon's upgrader, wrapped. It must be one whose upgrades pass through the routing's filters: an upgrade
     * that did not would skip {@link UpgradeFilter}, and with it the origin check this provider defers to it.
     */
    @Override
    public Http1Upgrader create(WsConfig config, ProtocolConfigs configs) {
        if (helidon.create(config, configs) instanceof Http1RoutedUpgrader routed) {
            return new RoutedWithoutOrigin(routed, config.maxFrameLength());
        }
        throw new IllegalStateException("Helidon's WebSocket upgrades no longer pass through the routing's"
                                        + " filters: their Origin would go unchecked");
    }

    private static ConnectionContext tapped(ConnectionContext ctx, int maxFrameLength) {
        return new TextTappingContext(ctx, maxFrameLength);
    }

    private static WritableHeaders<?> withoutOrigin(Headers headers) {
        WritableHeaders<?> copy = WritableHeaders.create(headers);
        copy.remove(HeaderNames.ORIGIN);
        return copy;
    }

    private record RoutedWithoutOrigin(Http1RoutedUpgrader delegate, int maxFrameLength)
            implements Http1RoutedUpgrader {
        @Override
        public String supportedProtocol() {
            return delegate.supportedProtocol();
        }

        @Override
        public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
            return delegate.upgrade(tapped(ctx, maxFrameLength), prologue, withoutOrigin(headers));
        }

        @Override
        public Optional<Http1RoutedUpgrade> routedUpgrade(ConnectionContext ctx,
                                                          HttpPrologue prologue,
                                                          WritableHeaders<?> headers) {
            // Helidon checks the headers here, and again (after the filters) when the upgrade completes
            return delegate.routedUpgrade(tapped(ctx, maxFrameLength), prologue, withoutOrigin(headers))
                    .map(upgrade -> (response, finalHeaders) -> upgrade.upgrade(response, withoutOrigin(finalHeaders)));
        }
    }
}
