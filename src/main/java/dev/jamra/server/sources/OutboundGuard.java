package dev.jamra.server.sources;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Predicate;

import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;

/**
 * The one guard of every request the server sends out: page fetches, and the APIs of sources such as MangaDex,
 * each redirect included. Its clients resolve every host through a {@link GuardedResolver} (unless
 * {@code downloads.allow-private-networks} is on, only public internet addresses, checked on the address actually
 * connected to), never go through a proxy (which would connect for them, unchecked), and follow no redirect by
 * themselves: the caller follows each through {@link Redirects}, so each is checked again.
 */
public final class OutboundGuard {
    private final GuardedResolver resolver;

    private OutboundGuard(GuardedResolver resolver) {
        this.resolver = resolver;
    }

    /** @param allowPrivateNetworks whether loopback, LAN and other non-public addresses may be reached too */
    public static OutboundGuard create(boolean allowPrivateNetworks) {
        return allowing(allowPrivateNetworks ? address -> true : PublicAddresses::isPublic);
    }

    /** A guard that lets connections reach the addresses {@code allowed} accepts, and no other. */
    public static OutboundGuard allowing(Predicate<InetAddress> allowed) {
        return of(GuardedResolver.create(InetAddress::getAllByName, allowed));
    }

    /** A guard whose clients resolve every host through {@code resolver}, under its rule. */
    static OutboundGuard of(GuardedResolver resolver) {
        return new OutboundGuard(resolver);
    }

    /**
     * A blocking HTTP client under this guard. Build it when first needed: its TLS set-up takes some 50 ms.
     *
     * @param readTimeout the longest wait for any one read on a socket (a whole answer's deadline is the caller's,
     *                    see {@link AnswerDeadline})
     */
    public WebClient client(Duration connectTimeout, Duration readTimeout) {
        return WebClient.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .followRedirects(false)
                .proxy(Proxy.noProxy())
                .dnsResolver(resolver)
                .shareConnectionCache(false)
                .build();
    }

    /** Whether {@code failure}, or a cause of it, is this guard refusing a host. */
    public static boolean refused(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof GuardedResolver.RefusedAddressException) {
                return true;
            }
        }
        return false;
    }
}
