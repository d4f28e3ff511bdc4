package io.sluice.handler.ipfilter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. An IPv4 block matches IPv4
 * addresses only and an IPv6 block IPv6 addresses only ({@link InetAddress} already turns an
 * IPv4-mapped IPv6 address like {@code ::ffff:10.0.0.1} into an IPv4 one).
 *
 * @param network the block's address with the host bits cleared
 * @param prefixLength how many leading bits must match (0-32 for IPv4, 0-128 for IPv6)
 */
public record IpSubnet(InetAddress network, int prefixLength) {

    /** Checks the prefix and clears the host bits of {@code network}. */
    public IpSubnet {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0-" + bits + ")");
        }
        network = masked(network, prefixLength);
    }

    /**
     * Parses {@code address/prefix} or a single address (a /32 or /128 block); the address must be
     * a literal, never a host name to look up.
     *
     * @throws IllegalArgumentException if it is not a CIDR block
     */
    public static IpSubnet parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!looksLiteral(host)) {
            throw new IllegalArgumentException("cidr: " + cidr + " (expected: an IPv4 or IPv6 literal/prefix)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cidr: " + cidr + " (expected: an IPv4 or IPv6 literal/prefix)", e);
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cidr: " + cidr + " (expected: a prefix length 0-" + bits + ")", e);
        }
        return new IpSubnet(address, prefix);
    }

    private static boolean looksLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xff00 >>> keep);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes: cannot happen
        }
    }

    /** Returns whether {@code address} lies in this block. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        return rest == 0 || ((a[full] ^ n[full]) & (0xff00 >>> rest) & 0xff) == 0;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
