package io.sluice.benchmarks.codec;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.BufferAllocator;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelPipeline;
import io.sluice.channel.embedded.EmbeddedChannel;
import io.sluice.codec.frame.LengthFieldFrameDecoder;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.codec.frame.TooLongFrameAction;
import org.openjdk.jmh.infra.Blackhole;

/** The decoder pipeline on Sluice's {@link EmbeddedChannel} and its default (pooled) allocator. */
final class SluiceFrameDriver implements FrameDriver {
    private final FrameStream stream;
    private final EmbeddedChannel channel;
    private final ChannelPipeline pipeline;
    private final BufferAllocator alloc;
    private final Consumer consumer;
    private int position;
    private long reads;

    SluiceFrameDriver(FrameStream stream, Blackhole bh) {
        ChannelHandler decoder = stream.codec == FrameStream.Codec.LENGTH_FIELD
                ? new LengthFieldFrameDecoder(FrameStream.MAX_FRAME_LENGTH, 0, FrameStream.LENGTH_FIELD_LENGTH, 0,
                        FrameStream.LENGTH_FIELD_LENGTH)
                : new LineFrameDecoder(FrameStream.MAX_FRAME_LENGTH, true, TooLongFrameAction.CLOSE);
        this.stream = stream;
        this.consumer = new Consumer(stream, bh);
        channel = new EmbeddedChannel(decoder, consumer);
        pipeline = channel.pipeline();
        alloc = channel.alloc();
    }

    @Override
    public int read() {
        Buffer buf = alloc.directBuffer(FrameStream.READ_SIZE);
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
    static final class Consumer implements ChannelHandler {
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
            Buffer frame = (Buffer) msg;
            int length = frame.readableBytes();
            if (check) {
                if (frame.unwrap() == null) {
                    throw new IllegalStateException("sluice: frame " + frames + " is a copy, not a view of the input");
                }
                byte[] body = new byte[length];
                frame.getBytes(frame.readerIndex(), body);
                stream.checkBody((int) (frames % stream.frames), body, "sluice");
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
