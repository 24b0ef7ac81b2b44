package dev.jamra.server.sources;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.RuntimeUnknownHostException;
import io.helidon.webclient.spi.DnsResolver;

/**
 * Resolves the host of every connection a page fetch opens, including the first and each redirect's, and refuses a
 * host with any address outside the public internet (see {@link PublicAddresses}) unless private networks are
 * allowed. The HTTP client connects to the very address returned here, so a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot lead it elsewhere.
 */
final class GuardedResolver implements DnsResolver {

    /** A host that resolves to an address page fetches may not reach. */
    static final class RefusedAddressException extends RuntimeException {
        RefusedAddressException(String host) {
            super("Refused to connect to " + host + ": not a public internet address", null, false, false);
        }
    }

    /** Name resolution, as {@link InetAddress#getAllByName}. */
    interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final Predicate<InetAddress> allowed;

    private GuardedResolver(Lookup lookup, Predicate<InetAddress> allowed) {
        this.lookup = lookup;
        this.allowed = allowed;
    }

    /**
     * @param lookup  how names resolve ({@link InetAddress#getAllByName})
     * @param allowed which addresses connections may reach
     */
    static GuardedResolver create(Lookup lookup, Predicate<InetAddress> allowed) {
        return new GuardedResolver(lookup, allowed);
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    @Override
    public InetAddress resolveAddress(String hostname, DnsAddressLookup addressLookup) {
        String host = hostname.startsWith("[") && hostname.endsWith("]")
                ? hostname.substring(1, hostname.length() - 1)
                : hostname;
        InetAddress[] addresses;
        try {
            addresses = addressLookup.filter(lookup.all(host));
        } catch (UnknownHostException e) {
            throw new RuntimeUnknownHostException("Unknown host " + host);
        }
        if (addresses.length == 0) {
            throw new RuntimeUnknownHostException("No usable address for " + host);
        }
        // every address, not just the one used: a name that mixes public and private addresses is refused
        for (InetAddress address : addresses) {
            if (!allowed.test(address)) {
                throw new RefusedAddressException(host);
            }
        }
        return addresses[0];
    }
}
