package io.sluice.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.channel.Channel;
import io.sluice.channel.ChannelGroup;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.SimpleChannelInboundHandler;
import io.sluice.codec.frame.LineFrameDecoder;
import io.sluice.codec.string.LineEncoder;
import io.sluice.codec.string.StringDecoder;

/**
 * A line-based chat room: every line a client sends goes to every other client, prefixed with
 * the sender's address. Try it with two terminals running {@code nc 127.0.0.1 7007}.
 *
 * <p>The pipeline is the framework's stock codecs and one handler of business logic: lines are
 * framed ({@link LineFrameDecoder}, at most 8 KiB each; a longer line closes that connection and
 * nobody else notices), decoded to strings, and strings written back become lines
 * ({@link LineEncoder}). With {@code --worker-threads N} the chat handler runs on a worker group,
 * still in order per connection.
 */
public final class ChatServer {
    static final int MAX_LINE = 8192;

    /** One per server: the room is the group of connected channels. */
    @ChannelHandler.Sharable
    static final class ChatHandler extends SimpleChannelInboundHandler<String> {
        private final ChannelGroup room = ChannelGroup.create("chat");

        ChatHandler() {
            super(String.class);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel joined = ctx.channel();
            room.writeAndFlush("* " + joined.remoteAddress() + " joined");
            room.add(joined); // removed by the group itself when the channel closes
            ctx.writeAndFlush("* welcome; " + (room.size() - 1) + " other(s) here");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            room.writeAndFlush("* " + ctx.channel().remoteAddress() + " left");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            Channel sender = ctx.channel();
            room.writeAndFlush("[" + sender.remoteAddress() + "] " + line, ch -> ch != sender);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. a line over MAX_LINE: the decoder already closes this connection gracefully
            System.out.println("closing " + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            ctx.close();
        }
    }

    private ChatServer() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options) throws InterruptedException {
        ChatHandler chat = new ChatHandler();
        LineEncoder lines = new LineEncoder(UTF_8);
        StringDecoder text = new StringDecoder(UTF_8);
        return RunningServer.start(options, 7007, (pipeline, workers) -> pipeline
                .addLast("frames", new LineFrameDecoder(MAX_LINE)) // one per connection
                .addLast("text", text)                              // sharable
                .addLast("lines", lines)                            // sharable
                .addLast(workers, "chat", chat));
    }
}
