package io.sluice.internal;

import io.sluice.channel.Attribute;
import io.sluice.channel.AttributeKey;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.spi.AbstractChannel;

/**
 * The package-private parts of {@code io.sluice.channel} that the transport SPI
 * ({@code io.sluice.channel.spi}) uses: making a channel's pipeline and attributes, the pipeline's
 * lifecycle hooks and the tail's reports. They stay out of both packages' API: {@code io.sluice.channel} installs the one
 * implementation when that class initialises (the JDK's {@code SharedSecrets} pattern). This
 * package is not exported.
 *
 * <p>Thread: {@link #get()} from any thread; the methods as documented on the pipeline.
 */
public abstract class ChannelAccess {
    /** The class in {@code io.sluice.channel} that installs the implementation when initialised. */
    private static final String IMPLEMENTATION = "io.sluice.channel.ChannelAccessImpl";
    private static volatile ChannelAccess installed;

    /** For the one implementation. */
    protected ChannelAccess() {}

    /** Called once, by the implementation's static initialiser. */
    protected static void install(ChannelAccess access) {
        if (installed != null) {
            throw new IllegalStateException("ChannelAccess: already installed (expected: once)");
        }
        installed = access;
    }

    /** Returns the implementation, initialising its class first if nothing did yet. */
    public static ChannelAccess get() {
        ChannelAccess access = installed;
        if (access == null) {
            try {
                Class.forName(IMPLEMENTATION, true, ChannelAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("ChannelAccess: " + IMPLEMENTATION + " missing", e);
            }
            access = installed;
        }
        return access;
    }

    /** Returns a new attribute of {@code key}, unset. */
    public abstract <T> Attribute<T> newAttribute(AttributeKey<T> key);

    /** Returns a new pipeline for {@code channel} whose first handler is {@code head} (it talks to the transport). */
    public abstract ChannelPipeline newPipeline(AbstractChannel channel, ChannelHandler head);

    /** Runs the {@code handlerAdded} calls that waited for the first registration. On the loop. */
    public abstract void registeredFirstTime(ChannelPipeline pipeline);

    /** Removes every handler once the channel is closed and deregistered. On the loop. */
    public abstract void destroy(ChannelPipeline pipeline);

    /** Releases and reports (once per channel and type) a message nobody handled. */
    public abstract void reportUnhandledMessage(ChannelPipeline pipeline, Object msg);

    /** Logs an exception nobody handled (a connection error: one DEBUG line per channel). */
    public abstract void reportUnhandledException(ChannelPipeline pipeline, Throwable cause);

    /**
     * Reports {@code cause} if it is a connection error (one DEBUG line per channel).
     * @return false if it is not one (the caller reports it)
     */
    public abstract boolean reportConnectionError(Channel channel, Throwable cause);
}
