package io.sluice.handler.ipfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpSubnetTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.1.128/25, 192.168.1.129, true",
        "192.168.1.128/25, 192.168.1.127, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "0.0.0.0/0, ::1, false",
        "127.0.0.1, 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "fe80::/10, febf::1, true",
        "fe80::/10, fec0::1, false",
        "::/0, ::1, true",
        "::/0, 10.0.0.1, false",
        "10.0.0.0/8, ::ffff:10.1.2.3, true",
    })
    void containsByPrefix(String cidr, String address, boolean expected) throws Exception {
        assertEquals(expected, IpSubnet.parse(cidr).contains(InetAddress.getByName(address)), cidr + " ∋ " + address);
    }

    @Test
    void hostBitsAreCleared() {
        assertEquals("10.1.0.0/16", IpSubnet.parse("10.1.2.3/16").toString());
        assertEquals("2001:db8:0:0:0:0:0:0/32", IpSubnet.parse("2001:db8:1::/32").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "10.0.0.0/33; prefixLength: 33 (expected: 0-32)",
        "::/129; prefixLength: 129 (expected: 0-128)",
        "10.0.0.0/-1; prefixLength: -1 (expected: 0-32)",
        "example.com/8; cidr: example.com/8 (expected: an IPv4 or IPv6 literal/prefix)",
        "10.0.0.0/x; cidr: 10.0.0.0/x (expected: a prefix length 0-32)",
        "/8; cidr: /8 (expected: an IPv4 or IPv6 literal/prefix)",
    })
    void badBlocksAreRefusedWithTheRule(String cidr, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpSubnet.parse(cidr));
        assertEquals(message, e.getMessage());
    }

    @Test
    void filterRulesApplyInOrder() throws Exception {
        IpFilter filter = IpFilter.create(false, IpFilterRule.deny("10.0.0.66"), IpFilterRule.allow("10.0.0.0/8"),
                IpFilterRule.allow("2001:db8::/32"));
        assertTrue(filter.accepts(InetAddress.getByName("10.0.0.1")));
        assertFalse(filter.accepts(InetAddress.getByName("10.0.0.66")));
        assertFalse(filter.accepts(InetAddress.getByName("192.168.0.1")));
        assertTrue(filter.accepts(InetAddress.getByName("2001:db8::5")));
        assertFalse(filter.accepts(InetAddress.getByName("::1")));
    }
}
