package io.sluice.handler.ipfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IpFilterTest {

    /** Counts channelActive events that got past the filter. */
    static final class ActiveCounter implements ChannelHandler {
        int active;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active++;
        }
    }

    @Test
    void refusedAddressIsClosedBeforeLaterHandlersSeeItActive() {
        IpFilter filter = IpFilter.create(true, IpFilterRule.deny("192.0.2.0/24"), IpFilterRule.deny("2001:db8::/32"));
        for (String ip : new String[] {"192.0.2.7", "2001:db8::1"}) {
            EmbeddedChannel ch = new InetEmbeddedChannel(ip, 4000);
            ActiveCounter counter = new ActiveCounter();
            ch.pipeline().addLast(counter);
            ch.pipeline().addFirst("filter", filter);
            ch.runPendingTasks();
            assertFalse(ch.isOpen(), ip);
        }
        assertEquals(2, filter.refusedConnections());
    }

    @Test
    void acceptedAddressPassesChannelActiveOn() {
        IpFilter filter = IpFilter.create(false, IpFilterRule.allow("127.0.0.0/8"));
        EmbeddedChannel ch = new InetEmbeddedChannel("127.0.0.1", 4000);
        ActiveCounter counter = new ActiveCounter();
        ch.pipeline().addLast(filter, counter);
        ch.pipeline().fireChannelActive();
        assertTrue(ch.isOpen());
        assertEquals(1, counter.active);
        assertEquals(0, filter.refusedConnections());
        ch.finish();
    }

    @Test
    void nonIpChannelsPass() {
        IpFilter filter = IpFilter.create(false);
        EmbeddedChannel ch = new EmbeddedChannel(filter);
        assertTrue(ch.isOpen());
        ch.finish();
    }
}
