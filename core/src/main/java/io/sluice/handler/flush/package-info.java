/**
 * {@link io.sluice.handler.flush.FlushConsolidationHandler}: fewer flushes (fewer write system
 * calls) for pipelined request/response traffic.
 */
package io.sluice.handler.flush;
