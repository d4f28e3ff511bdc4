/**
 * The transport SPI: what a transport (NIO, the in-process local transport, the embedded test
 * channel, a future epoll or io_uring one) builds on, kept apart from the user API in
 * {@code io.sluice.channel}. Application and handler code needs nothing here.
 *
 * <ul>
 *   <li>{@link io.sluice.channel.spi.AbstractChannel}: extend it and implement its {@code do*}
 *       methods (bind, connect, read interest, write from the outbound buffer, close); it runs the
 *       pipeline, writability and read suspension, the pending connect with its timeout, graceful
 *       close and the one close path ({@code closeNow}).
 *   <li>{@link io.sluice.channel.spi.ChannelOutboundBuffer}: the messages written and not yet sent,
 *       handed to {@code doWrite}.
 *   <li>{@link io.sluice.channel.spi.IoEventLoop}, {@link io.sluice.channel.spi.IoEventLoopGroup}
 *       and {@link io.sluice.channel.spi.IoHandler}: the event loop a transport plugs its wait
 *       (a selector, say) into.
 *   <li>{@link io.sluice.channel.spi.IoChannel}: the channel as the framework drives it
 *       ({@code EventLoopGroup.register}, the pipeline, the config); implemented by
 *       {@code AbstractChannel}.
 * </ul>
 *
 * <p>Threading: unless a method says otherwise, everything here runs on the channel's event loop.
 * Compatibility: this package follows the project's version like the user API, but changes more
 * often while Sluice is 0.x.
 */
package io.sluice.channel.spi;
