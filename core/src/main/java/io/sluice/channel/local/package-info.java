/**
 * The local transport: channels between two pipelines of one JVM, with no socket, for tests and
 * for wiring components in process. A {@link io.sluice.channel.local.LocalServerChannel} bound to a
 * {@link io.sluice.channel.local.LocalAddress} accepts {@link io.sluice.channel.local.LocalChannel}
 * clients; both run on any event loop ({@link io.sluice.channel.local.LocalEventLoopGroup} makes
 * loops with no I/O).
 *
 * <p>Design notes: messages are handed over, not copied (a written buffer's ownership passes to the
 * peer's pipeline), and any message type can travel. It behaves like a socket where tests rely on
 * it: order is kept; each side has a receive window (64 KiB), past which the writer's messages stay
 * in its outbound buffer, so write watermarks, writability and read suspension work as on TCP; a
 * channel with auto-read off is handed nothing until it asks; {@code shutdownOutput} and close reach
 * the peer as end of stream after the messages sent before them (half-closure as configured).
 */
package io.sluice.channel.local;
