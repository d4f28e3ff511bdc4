package io.sluice.channel;

import java.net.SocketAddress;

/**
 * Which event methods a handler class overrides, as bits; the pipeline skips a handler for events
 * whose method it left at the default (which only passes the event on). Computed once per class.
 */
final class HandlerMask {
    static final int CHANNEL_REGISTERED = 1;
    static final int CHANNEL_UNREGISTERED = 1 << 1;
    static final int CHANNEL_ACTIVE = 1 << 2;
    static final int CHANNEL_INACTIVE = 1 << 3;
    static final int CHANNEL_READ = 1 << 4;
    static final int CHANNEL_READ_COMPLETE = 1 << 5;
    static final int USER_EVENT = 1 << 6;
    static final int WRITABILITY_CHANGED = 1 << 7;
    static final int EXCEPTION_CAUGHT = 1 << 8;
    static final int BIND = 1 << 9;
    static final int CONNECT = 1 << 10;
    static final int DISCONNECT = 1 << 11;
    static final int CLOSE = 1 << 12;
    static final int DEREGISTER = 1 << 13;
    static final int READ = 1 << 14;
    static final int WRITE = 1 << 15;
    static final int FLUSH = 1 << 16;
    static final int SHUTDOWN_OUTPUT = 1 << 17;

    private static final ClassValue<Integer> MASKS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return compute(type);
        }
    };

    private HandlerMask() {}

    static int of(Class<? extends ChannelHandler> type) {
        return MASKS.get(type);
    }

    private static int compute(Class<?> type) {
        Class<ChannelHandlerContext> c = ChannelHandlerContext.class;
        int mask = 0;
        mask |= bit(type, CHANNEL_REGISTERED, "channelRegistered", c);
        mask |= bit(type, CHANNEL_UNREGISTERED, "channelUnregistered", c);
        mask |= bit(type, CHANNEL_ACTIVE, "channelActive", c);
        mask |= bit(type, CHANNEL_INACTIVE, "channelInactive", c);
        mask |= bit(type, CHANNEL_READ, "channelRead", c, Object.class);
        mask |= bit(type, CHANNEL_READ_COMPLETE, "channelReadComplete", c);
        mask |= bit(type, USER_EVENT, "userEventTriggered", c, Object.class);
        mask |= bit(type, WRITABILITY_CHANGED, "channelWritabilityChanged", c);
        mask |= bit(type, EXCEPTION_CAUGHT, "exceptionCaught", c, Throwable.class);
        mask |= bit(type, BIND, "bind", c, SocketAddress.class, ChannelPromise.class);
        mask |= bit(type, CONNECT, "connect", c, SocketAddress.class, SocketAddress.class, ChannelPromise.class);
        mask |= bit(type, DISCONNECT, "disconnect", c, ChannelPromise.class);
        mask |= bit(type, CLOSE, "close", c, ChannelPromise.class);
        mask |= bit(type, DEREGISTER, "deregister", c, ChannelPromise.class);
        mask |= bit(type, READ, "read", c);
        mask |= bit(type, WRITE, "write", c, Object.class, ChannelPromise.class);
        mask |= bit(type, FLUSH, "flush", c);
        mask |= bit(type, SHUTDOWN_OUTPUT, "shutdownOutput", c, ChannelPromise.class);
        return mask;
    }

    private static int bit(Class<?> type, int bit, String name, Class<?>... params) {
        try {
            return type.getMethod(name, params).getDeclaringClass() == ChannelHandler.class ? 0 : bit;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
