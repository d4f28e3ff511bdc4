package io.sluice.channel;

import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.spi.IoChannel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings of one channel. Generic options live here; a transport's subclass adds socket
 * options through {@link #setTransportOption} and {@link #transportOption}. Readable from any
 * thread; set options before the channel is active or from its event loop.
 */
public class ChannelConfig {
    /** The channel these settings belong to. */
    protected final IoChannel channel;
    private volatile boolean autoRead = true;
    private volatile boolean autoClose = true;
    private volatile BufferAllocator allocator = BufferAllocator.defaultAllocator();
    private volatile Supplier<RecvSizePredictor> recvSizePredictor = RecvSizePredictor::create;
    private volatile int maxMessagesPerRead = 16;
    private volatile int writeSpinCount = 16;
    private volatile WriteBufferWaterMark writeBufferWaterMark = WriteBufferWaterMark.DEFAULT;
    private volatile int connectTimeoutMillis = 30_000;
    private volatile int gracefulCloseTimeoutMillis = 30_000;
    private volatile boolean allowHalfClosure;
    private volatile boolean suspendReadWhenUnwritable;
    private volatile MessageSizeEstimator messageSizeEstimator = MessageSizeEstimator.defaultEstimator();

    /** Creates the settings of {@code channel}. */
    public ChannelConfig(IoChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.suspendReadWhenUnwritable = channel.parent() != null;
    }

    /** Returns the value of {@code option}, or {@code null} if this channel does not support it. */
    @SuppressWarnings("unchecked")
    public <T> T option(ChannelOption<T> option) {
        Object value;
        if (option == ChannelOption.AUTO_READ) {
            value = autoRead;
        } else if (option == ChannelOption.AUTO_CLOSE) {
            value = autoClose;
        } else if (option == ChannelOption.ALLOCATOR) {
            value = allocator;
        } else if (option == ChannelOption.RECV_SIZE_PREDICTOR) {
            value = recvSizePredictor;
        } else if (option == ChannelOption.MAX_MESSAGES_PER_READ) {
            value = maxMessagesPerRead;
        } else if (option == ChannelOption.WRITE_SPIN_COUNT) {
            value = writeSpinCount;
        } else if (option == ChannelOption.WRITE_BUFFER_WATER_MARK) {
            value = writeBufferWaterMark;
        } else if (option == ChannelOption.CONNECT_TIMEOUT_MILLIS) {
            value = connectTimeoutMillis;
        } else if (option == ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS) {
            value = gracefulCloseTimeoutMillis;
        } else if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            value = allowHalfClosure;
        } else if (option == ChannelOption.SUSPEND_READ_WHEN_UNWRITABLE) {
            value = suspendReadWhenUnwritable;
        } else if (option == ChannelOption.MESSAGE_SIZE_ESTIMATOR) {
            value = messageSizeEstimator;
        } else {
            return transportOption(option);
        }
        return (T) value;
    }

    /**
     * Sets {@code option}.
     *
     * @return whether this channel supports the option
     * @throws IllegalArgumentException if the value is out of range
     */
    public <T> boolean option(ChannelOption<T> option, T value) {
        Objects.requireNonNull(value, "value");
        if (option == ChannelOption.AUTO_READ) {
            autoRead((Boolean) value);
        } else if (option == ChannelOption.AUTO_CLOSE) {
            autoClose = (Boolean) value;
        } else if (option == ChannelOption.ALLOCATOR) {
            allocator = (BufferAllocator) value;
        } else if (option == ChannelOption.RECV_SIZE_PREDICTOR) {
            @SuppressWarnings("unchecked")
            Supplier<RecvSizePredictor> predictor = (Supplier<RecvSizePredictor>) value;
            recvSizePredictor = predictor;
        } else if (option == ChannelOption.MAX_MESSAGES_PER_READ) {
            maxMessagesPerRead = positive(option, (Integer) value);
        } else if (option == ChannelOption.WRITE_SPIN_COUNT) {
            writeSpinCount = positive(option, (Integer) value);
        } else if (option == ChannelOption.WRITE_BUFFER_WATER_MARK) {
            writeBufferWaterMark = (WriteBufferWaterMark) value;
        } else if (option == ChannelOption.CONNECT_TIMEOUT_MILLIS) {
            connectTimeoutMillis = nonNegative(option, (Integer) value);
        } else if (option == ChannelOption.GRACEFUL_CLOSE_TIMEOUT_MILLIS) {
            gracefulCloseTimeoutMillis = nonNegative(option, (Integer) value);
        } else if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            allowHalfClosure = (Boolean) value;
        } else if (option == ChannelOption.SUSPEND_READ_WHEN_UNWRITABLE) {
            suspendReadWhenUnwritable = (Boolean) value;
        } else if (option == ChannelOption.MESSAGE_SIZE_ESTIMATOR) {
            messageSizeEstimator = (MessageSizeEstimator) value;
        } else {
            return setTransportOption(option, value);
        }
        return true;
    }

    private static int positive(ChannelOption<?> option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    private static int nonNegative(ChannelOption<?> option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    /** Returns a transport option's value, or {@code null} if unsupported. Default: unsupported. */
    protected <T> T transportOption(ChannelOption<T> option) {
        return null;
    }

    /** Sets a transport option. @return whether it is supported. Default: unsupported. */
    protected <T> boolean setTransportOption(ChannelOption<T> option, T value) {
        return false;
    }

    /** Returns whether the channel reads automatically. */
    public boolean isAutoRead() {
        return autoRead;
    }

    /** Turns automatic reading on (requesting a read now) or off. @return this config */
    public ChannelConfig autoRead(boolean autoRead) {
        boolean was = this.autoRead;
        this.autoRead = autoRead;
        if (was != autoRead) {
            channel.autoReadChanged();
        }
        return this;
    }

    /** Returns whether a failed write closes the channel. */
    public boolean isAutoClose() {
        return autoClose;
    }

    /** Returns the allocator for this channel's buffers. */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** Returns a new read-size predictor for this channel. */
    public RecvSizePredictor newRecvSizePredictor() {
        return recvSizePredictor.get();
    }

    /** Returns the most reads per readiness event. */
    public int maxMessagesPerRead() {
        return maxMessagesPerRead;
    }

    /** Returns the most write calls per flush before yielding. */
    public int writeSpinCount() {
        return writeSpinCount;
    }

    /** Returns the write watermarks. */
    public WriteBufferWaterMark writeBufferWaterMark() {
        return writeBufferWaterMark;
    }

    /** Returns the connect timeout in milliseconds (0: none). */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Returns how long a graceful close waits for unsent output, in milliseconds (0: no deadline). */
    public int gracefulCloseTimeoutMillis() {
        return gracefulCloseTimeoutMillis;
    }

    /** Returns whether input shutdown is an event rather than a close. */
    public boolean isAllowHalfClosure() {
        return allowHalfClosure;
    }

    /** Returns whether reading stops while the channel is unwritable. */
    public boolean isSuspendReadWhenUnwritable() {
        return suspendReadWhenUnwritable;
    }

    /** Returns what sizes written messages for the write watermarks. */
    public MessageSizeEstimator messageSizeEstimator() {
        return messageSizeEstimator;
    }
}
