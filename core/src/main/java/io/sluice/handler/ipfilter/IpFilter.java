package io.sluice.handler.ipfilter;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts or refuses connections by remote address: the first {@link IpFilterRule} whose subnet
 * holds the address decides; with none, {@code acceptByDefault} does. A refused connection is
 * closed when it becomes active (or when the filter is added to an active one), without passing
 * {@code channelActive} on, logged at DEBUG and counted. A channel whose remote address is not an
 * IP socket address (local, Unix) passes.
 *
 * <p>Sharable and thread-safe: the rules are fixed at creation; a rule check is a few byte
 * comparisons per rule, once per connection.
 */
@ChannelHandler.Sharable
public final class IpFilter implements ChannelHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IpFilter.class);

    private final List<IpFilterRule> rules;
    private final boolean acceptByDefault;
    private final LongAdder refused = new LongAdder();

    private IpFilter(List<IpFilterRule> rules, boolean acceptByDefault) {
        this.rules = List.copyOf(rules);
        this.acceptByDefault = acceptByDefault;
    }

    /** Returns a filter applying {@code rules} in order, then {@code acceptByDefault}. */
    public static IpFilter create(boolean acceptByDefault, IpFilterRule... rules) {
        return new IpFilter(List.of(rules), acceptByDefault);
    }

    /** Returns whether {@code address} may connect. */
    public boolean accepts(InetAddress address) {
        for (IpFilterRule rule : rules) {
            if (rule.subnet().contains(address)) {
                return rule.accept();
            }
        }
        return acceptByDefault;
    }

    /** Returns how many connections this filter has refused. */
    public long refusedConnections() {
        return refused.sum();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            check(ctx.channel());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (check(ctx.channel())) {
            ctx.fireChannelActive();
        }
    }

    private boolean check(Channel ch) {
        if (!(ch.remoteAddress() instanceof InetSocketAddress remote) || remote.getAddress() == null
                || accepts(remote.getAddress())) {
            return true;
        }
        refused.increment();
        LOG.debug("{} refused by the IP filter: {}", ch, remote.getAddress().getHostAddress());
        ch.close();
        return false;
    }
}
