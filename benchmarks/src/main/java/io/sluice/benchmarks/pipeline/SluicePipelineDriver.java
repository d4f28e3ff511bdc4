package io.sluice.benchmarks.pipeline;

import static io.sluice.benchmarks.pipeline.PipelineBenchmark.HANDLERS;
import static io.sluice.benchmarks.pipeline.PipelineBenchmark.MSG;
import static io.sluice.benchmarks.pipeline.PipelineBenchmark.check;

import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.ChannelPromise;
import io.sluice.channel.embedded.EmbeddedChannel;
import java.util.Queue;

/** The benchmark pipelines on Sluice's {@link EmbeddedChannel}. */
final class SluicePipelineDriver implements PipelineBenchmark.PipelineDriver {
    private final EmbeddedChannel inChannel;
    private final ChannelPipeline inPipeline;
    private final Consumer consumer = new Consumer();
    private final EmbeddedChannel outChannel;
    private final ChannelPromise voidPromise;
    private final Queue<Object> outbound;

    SluicePipelineDriver() {
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
        check(inChannel.isActive() && outChannel.isActive(), "sluice channels active");
        long before = consumer.count;
        Object seen = null;
        for (int i = 0; i < 3; i++) {
            consumer.last = null;
            fireRead();
            seen = consumer.last;
        }
        inChannel.checkException();
        check(consumer.count == before + 3 && seen == MSG, "sluice read reaches the consumer");
        check(inChannel.inboundMessages().isEmpty(), "sluice read stops at the consumer");

        check(writeFlushVoidPromise() == MSG && outbound.isEmpty(), "sluice void-promise write reaches the queue");
        ChannelPromise promise = outChannel.newPromise();
        outChannel.write(MSG, promise);
        check(!promise.isDone() && outbound.isEmpty(), "sluice write waits for flush");
        outChannel.flush();
        check(promise.isSuccess() && outbound.poll() == MSG && outbound.isEmpty(),
                "sluice promised write reaches the queue and succeeds");
        check(writeFlushNewPromise() == MSG && outbound.isEmpty(), "sluice new-promise write reaches the queue");
        outChannel.checkException();
    }

    @Override
    public void close() {
        inChannel.finishAndReleaseAll();
        outChannel.finishAndReleaseAll();
    }

    /** Overrides channelRead and passes the message on. */
    static final class ReadForwarder implements ChannelHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(msg);
        }
    }

    /** Overrides only userEventTriggered: skipped for reads. */
    static final class ReadSkipped implements ChannelHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Counts and stops every message (nothing to release: the message is not reference-counted). */
    static final class Consumer implements ChannelHandler {
        long count;
        Object last;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count++;
            last = msg;
        }
    }

    /** Overrides write and passes the message on. */
    static final class WriteForwarder implements ChannelHandler {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
        }
    }

    /** Overrides only read: skipped for writes and flushes. */
    static final class WriteSkipped implements ChannelHandler {
        @Override
        public void read(ChannelHandlerContext ctx) {
            ctx.read();
        }
    }
}
