package io.sluice.handler.ipfilter;

import java.util.Objects;

/**
 * One rule of an {@link IpFilter}: addresses in {@code subnet} are accepted or refused.
 *
 * @param subnet the addresses the rule covers
 * @param accept whether they may connect
 */
public record IpFilterRule(IpSubnet subnet, boolean accept) {

    /** Checks the subnet. */
    public IpFilterRule {
        Objects.requireNonNull(subnet, "subnet");
    }

    /** Returns a rule accepting {@code cidr}. @throws IllegalArgumentException if it is not a CIDR block */
    public static IpFilterRule allow(String cidr) {
        return new IpFilterRule(IpSubnet.parse(cidr), true);
    }

    /** Returns a rule refusing {@code cidr}. @throws IllegalArgumentException if it is not a CIDR block */
    public static IpFilterRule deny(String cidr) {
        return new IpFilterRule(IpSubnet.parse(cidr), false);
    }
}
