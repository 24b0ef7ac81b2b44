package dev.jamra.server.sources;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.RuntimeUnknownHostException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardedResolverTest {
    private static final InetAddress PUBLIC = address("93.184.215.14");
    private static final InetAddress PRIVATE = address("192.168.1.20");

    @Test
    void theAddressCheckedIsTheOneReturnedForTheConnection() {
        GuardedResolver resolver = GuardedResolver.create(host -> new InetAddress[] {PUBLIC}, PublicAddresses::isPublic);
        assertEquals(PUBLIC, resolver.resolveAddress("pages.example", DnsAddressLookup.IPV4_PREFERRED));
        assertFalse(resolver.useDefaultJavaResolver(), "the client must connect to what this returns");
    }

    @Test
    void aNameWithAnyPrivateAddressIsRefused() {
        GuardedResolver resolver = GuardedResolver.create(host -> new InetAddress[] {PUBLIC, PRIVATE},
                PublicAddresses::isPublic);
        assertThrows(GuardedResolver.RefusedAddressException.class,
                () -> resolver.resolveAddress("mixed.example", DnsAddressLookup.IPV4_PREFERRED));
    }

    @Test
    void bracketedIpv6LiteralsAreResolvedWithoutTheirBrackets() {
        GuardedResolver resolver = GuardedResolver.create(InetAddress::getAllByName, address -> true);
        assertEquals(address("::1"), resolver.resolveAddress("[::1]", DnsAddressLookup.IPV6_PREFERRED));
        assertThrows(GuardedResolver.RefusedAddressException.class, () -> GuardedResolver
                .create(InetAddress::getAllByName, PublicAddresses::isPublic)
                .resolveAddress("[::1]", DnsAddressLookup.IPV6_PREFERRED));
    }

    @Test
    void unknownHostsAreReportedAsSuch() {
        GuardedResolver resolver = GuardedResolver.create(host -> {
            throw new UnknownHostException(host);
        }, address -> true);
        assertThrows(RuntimeUnknownHostException.class,
                () -> resolver.resolveAddress("nowhere.example", DnsAddressLookup.IPV4));
        GuardedResolver noIpv4 = GuardedResolver.create(host -> new InetAddress[] {address("2606:4700::1")},
                address -> true);
        assertThrows(RuntimeUnknownHostException.class, () -> noIpv4.resolveAddress("v6.example",
                DnsAddressLookup.IPV4));
    }

    @Test
    void ipv4MappedIpv6AddressesAreJudgedByTheirIpv4Address() throws UnknownHostException {
        byte[] loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        byte[] google = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};
        byte[] almostMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0, 127, 0, 0, 1};
        assertFalse(PublicAddresses.isPublic(Inet6Address.getByAddress(null, loopback, -1)));
        assertTrue(PublicAddresses.isPublic(Inet6Address.getByAddress(null, google, -1)));
        assertTrue(PublicAddresses.isPublic(Inet6Address.getByAddress(null, almostMapped, -1)),
                "::ff00:7f00:1 is an ordinary address");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
