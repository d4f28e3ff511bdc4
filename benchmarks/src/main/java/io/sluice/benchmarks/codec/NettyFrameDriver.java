package io.sluice.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The decoder pipeline on Netty 4.2's {@link EmbeddedChannel}, with the given allocator set on the
 * channel (used for the reads and by the decoder's cumulation).
 */
final class NettyFrameDriver implements FrameDriver {
    private final FrameStream stream;
    private final EmbeddedChannel channel;
    private final ChannelPipeline pipeline;
    private final ByteBufAllocator alloc;
    private final Consumer consumer;
    private int position;
    private long reads;

    NettyFrameDriver(FrameStream stream, Blackhole bh, ByteBufAllocator allocator) {
        this.stream = stream;
        this.consumer = new Consumer(stream, bh);
        ChannelHandler decoder;
        if (stream.codec == FrameStream.Codec.LENGTH_FIELD) {
            decoder = new LengthFieldBasedFrameDecoder(FrameStream.MAX_FRAME_LENGTH, 0,
                    FrameStream.LENGTH_FIELD_LENGTH, 0, FrameStream.LENGTH_FIELD_LENGTH);
        } else {
            // failFast = true: refuse an overlong line as soon as it is seen, like Sluice's LineFrameDecoder
            decoder = new LineBasedFrameDecoder(FrameStream.MAX_FRAME_LENGTH, true, true);
        }
        channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(decoder, consumer);
        pipeline = channel.pipeline();
        alloc = channel.alloc();
        if (alloc != allocator) {
            throw new IllegalStateException("netty channel does not use the allocator set");
        }
    }

    @Override
    public int read() {
        ByteBuf buf = alloc.directBuffer(FrameStream.READ_SIZE);
        buf.writeBytes(stream.bytes, position, FrameStream.READ_SIZE);
        int next = position + FrameStream.READ_SIZE;
        position = next == stream.bytes.length ? 0 : next;
        reads++;
        long before = consumer.frames;
        pipeline.fireChannelRead(buf);
        pipeline.fireChannelReadComplete();
        return (int) (consumer.frames - before);
    }

    @Override
    public long frames() {
        return consumer.frames;
    }

    @Override
    public long bytes() {
        return consumer.bytes;
    }

    @Override
    public long reads() {
        return reads;
    }

    @Override
    public void checkContent(boolean on) {
        consumer.check = on;
    }

    @Override
    public void checkException() {
        channel.checkException();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    /** Counts each frame, hands it to the blackhole and releases it; stops channelReadComplete. */
    static final class Consumer extends ChannelInboundHandlerAdapter {
        private final FrameStream stream;
        private final Blackhole bh;
        long frames;
        long bytes;
        boolean check;

        Consumer(FrameStream stream, Blackhole bh) {
            this.stream = stream;
            this.bh = bh;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            int length = frame.readableBytes();
            if (check) {
                if (frame.unwrap() == null) {
                    throw new IllegalStateException("netty: frame " + frames + " is a copy, not a view of the input");
                }
                byte[] body = new byte[length];
                frame.getBytes(frame.readerIndex(), body);
                stream.checkBody((int) (frames % stream.frames), body, "netty");
            }
            frames++;
            bytes += length;
            bh.consume(frame);
            frame.release();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // end of the pipeline: nothing after this handler
        }
    }
}
