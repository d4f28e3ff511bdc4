/**
 * {@link io.sluice.handler.logging.LoggingHandler}: every pipeline event and operation as one slf4j
 * line, buffers as hex cut at a configurable length.
 */
package io.sluice.handler.logging;
