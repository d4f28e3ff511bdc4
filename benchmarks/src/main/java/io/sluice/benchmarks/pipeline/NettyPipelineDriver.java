package io.sluice.benchmarks.pipeline;

import static io.sluice.benchmarks.pipeline.PipelineBenchmark.HANDLERS;
import static io.sluice.benchmarks.pipeline.PipelineBenchmark.MSG;
import static io.sluice.benchmarks.pipeline.PipelineBenchmark.check;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Queue;

/**
 * The benchmark pipelines on Netty 4.2's {@link EmbeddedChannel}. The handlers extend Netty's
 * adapters, whose methods are marked {@code @Skip}: a handler is skipped for every event whose method
 * it does not override, as in Sluice.
 */
final class NettyPipelineDriver implements PipelineBenchmark.PipelineDriver {
    private final EmbeddedChannel inChannel;
    private final ChannelPipeline inPipeline;
    private final Consumer consumer = new Consumer();
    private final EmbeddedChannel outChannel;
    private final ChannelPromise voidPromise;
    private final Queue<Object> outbound;

    NettyPipelineDriver() {
        ChannelHandler[] in = new ChannelHandler[HANDLERS + 1];
        ChannelHandler[] out = new ChannelHandler[HANDLERS];
        for (int i = 0; i < HANDLERS; i++) {
            in[i] = i % 2 == 0 ? new ReadForwarder() : new ReadSkipped();
            out[i] = i % 2 == 0 ? new WriteForwarder() : new WriteSkipped();
        }
        in[HANDLERS] = consumer;
        inChannel = new EmbeddedChannel(in);
        inPipeline = inChannel.pipeline();
        outChannel = new EmbeddedChannel(out);
        voidPromise = outChannel.voidPromise();
        outbound = outChannel.outboundMessages();
    }

    @Override
    public long fireRead() {
        inPipeline.fireChannelRead(MSG);
        return consumer.count;
    }

    @Override
    public Object writeFlushVoidPromise() {
        outChannel.write(MSG, voidPromise);
        outChannel.flush();
        return outbound.poll();
    }

    @Override
    public Object writeFlushNewPromise() {
        outChannel.write(MSG, outChannel.newPromise());
        outChannel.flush();
        return outbound.poll();
    }

    @Override
    public void verify() {
        check(inChannel.isActive() && outChannel.isActive(), "netty channels active");
        long before = consumer.count;
        Object seen = null;
        for (int i = 0; i < 3; i++) {
            consumer.last = null;
            fireRead();
            seen = consumer.last;
        }
        inChannel.checkException();
        check(consumer.count == before + 3 && seen == MSG, "netty read reaches the consumer");
        check(inChannel.inboundMessages().isEmpty(), "netty read stops at the consumer");

        check(writeFlushVoidPromise() == MSG && outbound.isEmpty(), "netty void-promise write reaches the queue");
        ChannelPromise promise = outChannel.newPromise();
        outChannel.write(MSG, promise);
        check(!promise.isDone() && outbound.isEmpty(), "netty write waits for flush");
        outChannel.flush();
        check(promise.isSuccess() && outbound.poll() == MSG && outbound.isEmpty(),
                "netty promised write reaches the queue and succeeds");
        check(writeFlushNewPromise() == MSG && outbound.isEmpty(), "netty new-promise write reaches the queue");
        outChannel.checkException();
    }

    @Override
    public void close() {
        inChannel.finishAndReleaseAll();
        outChannel.finishAndReleaseAll();
    }

    /** Overrides channelRead and passes the message on. */
    static final class ReadForwarder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(msg);
        }
    }

    /** Overrides only userEventTriggered: skipped for reads. */
    static final class ReadSkipped extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Counts and stops every message (nothing to release: the message is not reference-counted). */
    static final class Consumer extends ChannelInboundHandlerAdapter {
        long count;
        Object last;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count++;
            last = msg;
        }
    }

    /** Overrides write and passes the message on. */
    static final class WriteForwarder extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
        }
    }

    /** Overrides only read: skipped for writes and flushes. */
    static final class WriteSkipped extends ChannelOutboundHandlerAdapter {
        @Override
        public void read(ChannelHandlerContext ctx) {
            ctx.read();
        }
    }
}
