/**
 * {@link io.sluice.handler.flow.FlowControlHandler}: one message per {@code read()} when auto-read
 * is off, even when a decoder makes many from one socket read.
 */
package io.sluice.handler.flow;
