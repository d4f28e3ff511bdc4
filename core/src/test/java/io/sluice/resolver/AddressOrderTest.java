package io.sluice.resolver;

import static io.sluice.resolver.CachingAddressResolverTest.address;
import static io.sluice.resolver.CachingAddressResolverTest.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressOrderTest {

    @Test
    void interleavesFamiliesStartingWithTheFirstOnesFamily() throws Exception {
        InetAddress a1 = v6("h", 1);
        InetAddress a2 = v6("h", 2);
        InetAddress a3 = v6("h", 3);
        InetAddress b1 = address("h", 10, 0, 0, 1);
        InetAddress b2 = address("h", 10, 0, 0, 2);
        assertEquals(List.of(a1, b1, a2, b2, a3), AddressOrder.interleaveFamilies(List.of(a1, a2, a3, b1, b2)));
        assertEquals(List.of(b1, a1, b2, a2, a3), AddressOrder.interleaveFamilies(List.of(b1, b2, a1, a2, a3)));
        assertEquals(List.of(b1, b2), AddressOrder.interleaveFamilies(List.of(b1, b2)), "one family: unchanged");
        assertEquals(List.of(b1), AddressOrder.interleaveFamilies(List.of(b1)));
    }

    @Test
    void tellsIpLiteralsFromNames() {
        for (String literal : List.of("127.0.0.1", "10.1.22.255", "::1", "[::1]", "fe80::1%eth0", "0.0.0.0")) {
            assertTrue(IpLiteral.isLiteral(literal), literal);
        }
        for (String name : List.of("localhost", "a.test", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.", "1234.1.1.1",
                "", "123.example")) {
            assertFalse(IpLiteral.isLiteral(name), name);
        }
    }

    @Test
    void cacheTtlsFollowTheJdkSecurityProperties() {
        String positive = java.security.Security.getProperty("networkaddress.cache.ttl");
        String negative = java.security.Security.getProperty("networkaddress.cache.negative.ttl");
        try {
            java.security.Security.setProperty("networkaddress.cache.ttl", "7");
            java.security.Security.setProperty("networkaddress.cache.negative.ttl", "-1");
            CacheTtl ttl = CacheTtl.fromJdk();
            assertEquals(Duration.ofSeconds(7), ttl.positive());
            assertTrue(ttl.negative().isNegative(), "-1: for ever");
            java.security.Security.setProperty("networkaddress.cache.ttl", "soon");
            assertEquals(Duration.ofSeconds(30), CacheTtl.fromJdk().positive(), "unparsable: the JDK default");
        } finally {
            java.security.Security.setProperty("networkaddress.cache.ttl", positive == null ? "" : positive);
            java.security.Security.setProperty("networkaddress.cache.negative.ttl", negative == null ? "10" : negative);
        }
    }
}
