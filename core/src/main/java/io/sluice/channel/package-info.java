/**
 * Channels, their pipelines of handlers and event loops: the API applications and handlers use.
 * What only transports need (the channel base class, the outbound buffer, the I/O event loop) is
 * in {@link io.sluice.channel.spi}.
 *
 * <p>Design notes (decisions a Netty user might look for):
 * <ul>
 *   <li><b>One handler interface.</b> {@link io.sluice.channel.ChannelHandler} has every inbound and
 *       outbound method, each with a default that passes the event on; there are no separate
 *       inbound/outbound interfaces or adapter classes to pick from. The pipeline computes once per
 *       handler class which methods are overridden and never calls the others (Netty's
 *       {@code @Skip}, without the annotation).
 *   <li><b>Events reach a handler only after its {@code handlerAdded} ran</b> and until it is
 *       removed; meanwhile they pass it by. A handler added from another thread therefore starts
 *       with the first event after its {@code handlerAdded}.
 *   <li><b>Exceptions</b> thrown by an inbound method go to that handler's own
 *       {@code exceptionCaught}; those thrown by an outbound method fail the operation's promise.
 *       What reaches the tail is logged; a failed promise nobody observed is logged too.
 *   <li><b>Backpressure is on by default for accepted channels</b>: above the high watermark a
 *       child channel stops reading until it drains below the low one
 *       ({@link io.sluice.channel.ChannelOption#SUSPEND_READ_WHEN_UNWRITABLE}).
 *   <li><b>The outbound buffer is a ring of arrays</b>, not a linked list of entry objects: a
 *       write allocates nothing in the channel beyond its promise, and
 *       {@link io.sluice.channel.ChannelOutboundInvoker#voidPromise()} avoids even that.
 *   <li><b>{@code ServerBootstrap.bind(int)} binds 127.0.0.1</b>: listening on every interface
 *       takes an explicit host.
 * </ul>
 */
package io.sluice.channel;
