package io.sluice.channel;

/**
 * Installs handlers on a new channel, then removes itself: the usual {@code childHandler} of a
 * server. Sharable, so one instance serves every accepted channel. If {@link #initChannel} throws,
 * the exception is fired through the pipeline and the channel is closed.
 *
 * @param <C> the channel type
 */
@ChannelHandler.Sharable
public abstract class ChannelInitializer<C extends Channel> implements ChannelHandler {

    /** Creates an initializer. */
    protected ChannelInitializer() {}

    /** Adds the channel's handlers; runs on the channel's event loop once it is registered. */
    protected abstract void initChannel(C channel) throws Exception;

    @Override
    @SuppressWarnings("unchecked")
    public final void handlerAdded(ChannelHandlerContext ctx) {
        try {
            initChannel((C) ctx.channel());
        } catch (Throwable t) {
            ctx.fireExceptionCaught(t);
            ctx.close();
        } finally {
            if (!ctx.isRemoved()) {
                ctx.pipeline().remove(this);
            }
        }
    }
}
