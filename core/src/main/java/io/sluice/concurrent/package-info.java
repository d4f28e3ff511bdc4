/**
 * Executors, futures and timers: the threads that run a channel's events and the results they
 * hand back.
 *
 * <p>An {@link io.sluice.concurrent.EventExecutor} is one thread that runs tasks in submission
 * order; an {@link io.sluice.concurrent.EventExecutorGroup} hands out its executors round-robin
 * ({@code next()}). {@link io.sluice.concurrent.SingleThreadEventExecutor} is the base of every
 * event loop: a JCTools multi-producer single-consumer queue, wake-ups only when the thread waits,
 * scheduled tasks on the same thread, graceful shutdown with a quiet period and a timeout.
 * {@link io.sluice.concurrent.DefaultEventExecutorGroup} and
 * {@link io.sluice.concurrent.VirtualThreadExecutorGroup} (JDK 21+) run handlers off the I/O loops,
 * in order per channel.
 *
 * <p>A {@link io.sluice.concurrent.Future} completes once, with a value or a cause, and notifies its
 * listeners on its executor; a {@link io.sluice.concurrent.Promise} is the writable side.
 * {@code sync()} and {@code await()} on an event loop throw
 * {@link io.sluice.concurrent.BlockingOperationException}: nothing blocks a loop.
 * {@link io.sluice.concurrent.HashedWheelTimer} schedules many coarse timeouts cheaply; time comes
 * from a {@link io.sluice.concurrent.Ticker}, which tests replace with a
 * {@link io.sluice.concurrent.ManualTicker}.
 *
 * <p>Design notes: shutdown completes every pending promise (success or failure), none is lost; a
 * task submitted too late is rejected through the executor's
 * {@link io.sluice.concurrent.RejectedExecutionHandler}; listeners nested deeper than a bound are
 * notified through the executor instead of on the stack.
 */
package io.sluice.concurrent;
