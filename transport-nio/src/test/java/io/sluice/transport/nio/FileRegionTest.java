package io.sluice.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bootstrap.Bootstrap;
import io.sluice.bootstrap.ServerBootstrap;
import io.sluice.buffer.Buffer;
import io.sluice.channel.Channel;
import io.sluice.channel.ChannelFuture;
import io.sluice.channel.ChannelHandler;
import io.sluice.channel.ChannelHandlerContext;
import io.sluice.channel.ChannelInitializer;
import io.sluice.channel.DefaultFileRegion;
import io.sluice.channel.spi.IoEventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Zero-copy file transfer: a region of a file goes from the file straight to the socket. */
@Timeout(30)
class FileRegionTest {

    @Test
    void sendsARegionOfAFileAndClosesTheFile(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(11).nextBytes(content);
        Path file = dir.resolve("data.bin");
        Files.write(file, content);
        long position = 12345;
        int count = 2 * 1024 * 1024;
        FileChannel fileChannel = FileChannel.open(file, StandardOpenOption.READ);
        DefaultFileRegion region = new DefaultFileRegion(fileChannel, position, count);

        IoEventLoopGroup group = NioEventLoopGroup.create(1, "file-region-test");
        try {
            CompletableFuture<ChannelFuture> sent = new CompletableFuture<>();
            Channel server = ServerBootstrap.create().group(group).channel(NioServerSocketChannel::new)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            sent.complete(ch.writeAndFlush(region));
                        }
                    }).bind(0).sync().channel();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            CompletableFuture<byte[]> all = new CompletableFuture<>();
            Channel client = Bootstrap.create().group(group).channel(NioSocketChannel::new)
                    .handler(new ChannelHandler() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            Buffer buf = (Buffer) msg;
                            byte[] bytes = new byte[buf.readableBytes()];
                            buf.readBytes(bytes);
                            buf.release();
                            received.write(bytes, 0, bytes.length);
                            if (received.size() >= count) {
                                all.complete(received.toByteArray());
                            }
                        }
                    }).connect(server.localAddress()).sync().channel();

            byte[] got = all.get(20, TimeUnit.SECONDS);
            assertArrayEquals(Arrays.copyOfRange(content, (int) position, (int) position + count), got);
            ChannelFuture write = sent.get(10, TimeUnit.SECONDS);
            assertTrue(write.await(10, TimeUnit.SECONDS) && write.isSuccess());
            assertEquals(count, region.transferred());
            assertEquals(0, region.refCnt(), "released once written");
            assertFalse(fileChannel.isOpen(), "the file closes with the region");
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            assertTrue(group.terminationFuture().await(10, TimeUnit.SECONDS));
        }
    }
}
