/**
 * WebSocket (RFC 6455) on top of the HTTP/1.1 codec.
 *
 * <p>After the upgrade a server pipeline holds, in order: {@link
 * io.sluice.codec.http.websocket.WebSocketFrameEncoder}, {@link
 * io.sluice.codec.http.websocket.WebSocketFrameDecoder}, optionally {@link
 * io.sluice.codec.http.websocket.WebSocketMessageAggregator}, then the application, which reads and
 * writes {@link io.sluice.codec.http.websocket.WebSocketFrame}s.
 *
 * <p>Decisions:
 * <ul>
 * <li>The encoder sits nearer the head than the decoder, so that a handler that finds bad input
 *     (the decoder, the aggregator) can itself send the close frame with the status RFC 6455 names
 *     (1002, 1007, 1009) before the connection closes.</li>
 * <li>Limits are checked on the frame header, before a payload is buffered: 64 KiB per frame and
 *     1 MiB per aggregated message by default.</li>
 * <li>Text is checked for UTF-8 incrementally as fragments arrive, so a bad byte closes the
 *     connection without waiting for the end of the message.</li>
 * </ul>
 */
package io.sluice.codec.http.websocket;
