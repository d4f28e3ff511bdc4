package io.sluice.resolver;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which to try a name's addresses: RFC 8305 section 4 interleaves the address
 * families, starting with the family of the first address the system returned (its preference),
 * so a dead IPv6 path costs one attempt, not one per IPv6 address, before IPv4 is tried.
 */
final class AddressOrder {
    private AddressOrder() {}

    /** Returns {@code addresses} with the families interleaved, otherwise in their order. */
    static List<InetAddress> interleaveFamilies(List<InetAddress> addresses) {
        if (addresses.size() < 2) {
            return List.copyOf(addresses);
        }
        boolean firstIsV6 = addresses.get(0) instanceof Inet6Address;
        List<InetAddress> preferred = new ArrayList<>();
        List<InetAddress> other = new ArrayList<>();
        for (InetAddress a : addresses) {
            ((a instanceof Inet6Address) == firstIsV6 ? preferred : other).add(a);
        }
        List<InetAddress> ordered = new ArrayList<>(addresses.size());
        for (int i = 0; i < Math.max(preferred.size(), other.size()); i++) {
            if (i < preferred.size()) {
                ordered.add(preferred.get(i));
            }
            if (i < other.size()) {
                ordered.add(other.get(i));
            }
        }
        return List.copyOf(ordered);
    }
}
