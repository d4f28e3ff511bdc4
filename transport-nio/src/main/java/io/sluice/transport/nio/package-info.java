/**
 * The {@code java.nio} transport: event loops on selectors, TCP server and client channels (also
 * over Unix domain sockets) and UDP.
 *
 * <p>{@link io.sluice.transport.nio.NioEventLoopGroup} makes event loops that each own one selector;
 * {@link io.sluice.transport.nio.NioServerSocketChannel} accepts
 * {@link io.sluice.transport.nio.NioSocketChannel}s, and {@link io.sluice.transport.nio.NioDatagramChannel}
 * sends and receives datagrams (broadcast and multicast included). Users name these types in a
 * bootstrap and never see a selector, a key or a socket call.
 *
 * <p>Design notes: ready keys come through {@code Selector.select(Consumer, timeout)} (no iterator,
 * no set churn per wake-up); {@code OP_WRITE} is registered only while bytes are pending; a read that
 * does not fill its buffer ends the read loop; writes go to the socket first and gather pending
 * buffers into one vectored write; the selector is woken only when its loop waits.
 */
package io.sluice.transport.nio;
