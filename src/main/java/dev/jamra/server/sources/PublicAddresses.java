package dev.jamra.server.sources;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses count as the public internet, for page fetches: everything but this machine, private and
 * shared networks, link-local (where cloud metadata answers), multicast and the reserved or documentation ranges.
 * IPv6 addresses that embed an IPv4 one (mapped, compatible, NAT64, 6to4) are judged by it.
 */
final class PublicAddresses {
    private PublicAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        return switch (address) {
            case Inet4Address v4 -> isPublic(v4.getAddress());
            case Inet6Address v6 -> isPublicV6(v6.getAddress());
            default -> false;
        };
    }

    private static boolean isPublic(byte[] v4) {
        int a = v4[0] & 0xff;
        int b = v4[1] & 0xff;
        int c = v4[2] & 0xff;
        return !(a == 0                                   // 0.0.0.0/8 "this network"
                 || a == 10                               // 10.0.0.0/8 private
                 || a == 100 && (b & 0xc0) == 64          // 100.64.0.0/10 shared (carrier-grade NAT)
                 || a == 127                              // loopback
                 || a == 169 && b == 254                  // link-local, cloud metadata
                 || a == 172 && (b & 0xf0) == 16          // 172.16.0.0/12 private
                 || a == 192 && b == 0 && (c == 0 || c == 2)  // IETF protocol assignments, TEST-NET-1
                 || a == 192 && b == 88 && c == 99        // 6to4 relay anycast (deprecated)
                 || a == 192 && b == 168                  // 192.168.0.0/16 private
                 || a == 198 && (b & 0xfe) == 18          // 198.18.0.0/15 benchmarking
                 || a == 198 && b == 51 && c == 100       // TEST-NET-2
                 || a == 203 && b == 0 && c == 113        // TEST-NET-3
                 || a >= 224);                            // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] v6) {
        if (allZero(v6, 0, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return isPublic(slice(v6, 12));               // ::ffff:a.b.c.d mapped
        }
        if (allZero(v6, 0, 12)) {
            // ::, ::1, and the deprecated IPv4-compatible ::a.b.c.d
            return !allZero(v6, 12, 15) && isPublic(slice(v6, 12));
        }
        int first = v6[0] & 0xff;
        int second = v6[1] & 0xff;
        if (first == 0x00 && second == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b) {
            return isPublic(slice(v6, 12));               // 64:ff9b::/96 NAT64 (and its local-use /48)
        }
        if (first == 0x20 && second == 0x02) {
            return isPublic(slice(v6, 2));                // 2002::/16 6to4
        }
        return !((first & 0xfe) == 0xfc                   // fc00::/7 unique local
                 || first == 0xfe && (second & 0xc0) == 0x80   // fe80::/10 link-local
                 || first == 0xfe && (second & 0xc0) == 0xc0   // fec0::/10 site-local (deprecated)
                 || first == 0xff                         // multicast
                 || first == 0x01 && second == 0x00 && allZero(v6, 2, 8)    // 100::/64 discard
                 || first == 0x20 && second == 0x01 && (v6[2] & 0xff) == 0x0d && (v6[3] & 0xff) == 0xb8 // 2001:db8::/32
                 || first == 0x20 && second == 0x01 && v6[2] == 0 && v6[3] == 0);   // 2001::/32 Teredo
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] bytes, int from) {
        return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
    }
}
