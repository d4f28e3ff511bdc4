/**
 * {@link io.sluice.channel.embedded.EmbeddedChannel}: a pipeline with no socket, driven by a test on
 * its own thread.
 *
 * <p>A test writes inbound messages, reads what left the pipeline outbound and what reached its end
 * inbound, runs queued tasks and moves time by hand. Its
 * {@link io.sluice.channel.embedded.EmbeddedEventLoop} has no thread: scheduled tasks live in the
 * scheduler the real event loops use, on a {@link io.sluice.concurrent.ManualTicker}, so a test of a
 * timeout needs no sleep and sees what production would.
 *
 * <p>Design notes: an exception that reaches the end of the pipeline is kept and rethrown by the
 * next driving call; once closed, writing fails as on a socket channel.
 */
package io.sluice.channel.embedded;
