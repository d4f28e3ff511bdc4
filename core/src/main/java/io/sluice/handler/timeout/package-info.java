/**
 * Idle detection and timeouts: {@link io.sluice.handler.timeout.IdleStateHandler} fires
 * {@link io.sluice.handler.timeout.IdleStateEvent}s when a channel has not read, written, or
 * either for a while; {@link io.sluice.handler.timeout.ReadTimeoutHandler} and
 * {@link io.sluice.handler.timeout.WriteTimeoutHandler} close a channel whose peer stopped
 * sending or stopped reading; {@link io.sluice.handler.timeout.IdleSweeper} closes idle
 * connections of a very large server from one {@link io.sluice.concurrent.HashedWheelTimer}
 * (muduo's timing wheel).
 *
 * <p>Time is read from the handler's executor's {@link io.sluice.concurrent.Ticker}, so tests
 * drive these handlers with {@code EmbeddedChannel.advanceTimeBy} and never sleep.
 *
 * <p>Design notes: a channel has at most one scheduled check per handler, rescheduled when it
 * fires (lazily), never per read or write; reads and writes only record a time. Writer activity
 * is a flush that carries at least one write: what the application handed over, not what the
 * socket took. With {@code observeOutput}, a write still being sent counts as activity, so a
 * slow but live reader is not writer-idle; a peer that never reads is then
 * {@link io.sluice.handler.timeout.WriteTimeoutHandler}'s job.
 */
package io.sluice.handler.timeout;
