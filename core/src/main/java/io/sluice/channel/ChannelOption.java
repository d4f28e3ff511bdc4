package io.sluice.channel;

import io.sluice.buffer.BufferAllocator;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A typed channel setting, set through a bootstrap ({@code option}, {@code childOption}) or
 * {@link ChannelConfig#option(ChannelOption, Object)}. The generic ones are handled by every
 * channel; socket ones by the transports that support them ({@link #socket(SocketOption)} passes
 * any JDK socket option through).
 *
 * @param <T> the type of the value
 */
public final class ChannelOption<T> {
    /** Read automatically whenever the channel can (default true); when false, call {@code read()}. */
    public static final ChannelOption<Boolean> AUTO_READ = new ChannelOption<>("AUTO_READ", null);
    /** Close the channel when a write fails (default true). */
    public static final ChannelOption<Boolean> AUTO_CLOSE = new ChannelOption<>("AUTO_CLOSE", null);
    /** The allocator for buffers of this channel (default {@link BufferAllocator#defaultAllocator()}). */
    public static final ChannelOption<BufferAllocator> ALLOCATOR = new ChannelOption<>("ALLOCATOR", null);
    /** Makes the per-channel predictor of read sizes (default 64 B - 2 KiB - 64 KiB). */
    public static final ChannelOption<Supplier<RecvSizePredictor>> RECV_SIZE_PREDICTOR =
            new ChannelOption<>("RECV_SIZE_PREDICTOR", null);
    /** Most reads per readiness event before other channels get a turn (default 16). */
    public static final ChannelOption<Integer> MAX_MESSAGES_PER_READ = new ChannelOption<>("MAX_MESSAGES_PER_READ", null);
    /** Most write calls per flush before other channels get a turn (default 16). */
    public static final ChannelOption<Integer> WRITE_SPIN_COUNT = new ChannelOption<>("WRITE_SPIN_COUNT", null);
    /** Write watermarks (default 32 KiB / 64 KiB). */
    public static final ChannelOption<WriteBufferWaterMark> WRITE_BUFFER_WATER_MARK =
            new ChannelOption<>("WRITE_BUFFER_WATER_MARK", null);
    /** Connect timeout in milliseconds; 0 means none (default 30,000). */
    public static final ChannelOption<Integer> CONNECT_TIMEOUT_MILLIS = new ChannelOption<>("CONNECT_TIMEOUT_MILLIS", null);
    /**
     * How long {@link Channel#closeGracefully()} waits for unsent output before it closes anyway, in
     * milliseconds; 0 means no deadline (default 30,000).
     */
    public static final ChannelOption<Integer> GRACEFUL_CLOSE_TIMEOUT_MILLIS =
            new ChannelOption<>("GRACEFUL_CLOSE_TIMEOUT_MILLIS", null);
    /** Deliver input shutdown as an event instead of closing the channel (default false). */
    public static final ChannelOption<Boolean> ALLOW_HALF_CLOSURE = new ChannelOption<>("ALLOW_HALF_CLOSURE", null);
    /**
     * Stop reading while the channel is unwritable and resume when writable again (default true
     * for accepted channels, false for client channels), so a peer that sends but never reads
     * cannot grow memory without bound.
     */
    public static final ChannelOption<Boolean> SUSPEND_READ_WHEN_UNWRITABLE =
            new ChannelOption<>("SUSPEND_READ_WHEN_UNWRITABLE", null);
    /**
     * How many bytes a written message counts against the write watermarks (default
     * {@link MessageSizeEstimator#defaultEstimator()}: buffers, file regions and buffer holders).
     */
    public static final ChannelOption<MessageSizeEstimator> MESSAGE_SIZE_ESTIMATOR =
            new ChannelOption<>("MESSAGE_SIZE_ESTIMATOR", null);

    /** Listen backlog of a server channel. */
    public static final ChannelOption<Integer> SO_BACKLOG = new ChannelOption<>("SO_BACKLOG", null);
    /** {@link StandardSocketOptions#SO_RCVBUF}. */
    public static final ChannelOption<Integer> SO_RCVBUF = socket(StandardSocketOptions.SO_RCVBUF);
    /** {@link StandardSocketOptions#SO_SNDBUF}. */
    public static final ChannelOption<Integer> SO_SNDBUF = socket(StandardSocketOptions.SO_SNDBUF);
    /** {@link StandardSocketOptions#SO_KEEPALIVE}. */
    public static final ChannelOption<Boolean> SO_KEEPALIVE = socket(StandardSocketOptions.SO_KEEPALIVE);
    /** {@link StandardSocketOptions#SO_REUSEADDR}. */
    public static final ChannelOption<Boolean> SO_REUSEADDR = socket(StandardSocketOptions.SO_REUSEADDR);
    /** {@link StandardSocketOptions#SO_REUSEPORT}: several listeners on one port. */
    public static final ChannelOption<Boolean> SO_REUSEPORT = socket(StandardSocketOptions.SO_REUSEPORT);
    /** {@link StandardSocketOptions#SO_LINGER}, in seconds; 0 resets the connection on close. */
    public static final ChannelOption<Integer> SO_LINGER = socket(StandardSocketOptions.SO_LINGER);
    /** {@link StandardSocketOptions#TCP_NODELAY} (default true in Sluice's TCP transport). */
    public static final ChannelOption<Boolean> TCP_NODELAY = socket(StandardSocketOptions.TCP_NODELAY);
    /** {@link StandardSocketOptions#IP_TOS}. */
    public static final ChannelOption<Integer> IP_TOS = socket(StandardSocketOptions.IP_TOS);
    /** {@link StandardSocketOptions#SO_BROADCAST}. */
    public static final ChannelOption<Boolean> SO_BROADCAST = socket(StandardSocketOptions.SO_BROADCAST);

    private final String name;
    /** The JDK option this one passes through, or {@code null} for a framework option. */
    private final SocketOption<T> socketOption;

    private ChannelOption(String name, SocketOption<T> socketOption) {
        this.name = name;
        this.socketOption = socketOption;
    }

    /** Returns an option that passes {@code option} through to the socket. */
    public static <T> ChannelOption<T> socket(SocketOption<T> option) {
        return new ChannelOption<>(option.name(), Objects.requireNonNull(option, "option"));
    }

    /** Returns the option's name. */
    public String name() {
        return name;
    }

    /** Returns the JDK socket option passed through, or {@code null} for a framework option. */
    public SocketOption<T> socketOption() {
        return socketOption;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChannelOption)) {
            return false;
        }
        ChannelOption<?> other = (ChannelOption<?>) o;
        return name.equals(other.name) && Objects.equals(socketOption, other.socketOption);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
