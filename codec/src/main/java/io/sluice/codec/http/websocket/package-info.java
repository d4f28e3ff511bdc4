/**
 * WebSocket (RFC 6455) on top of the HTTP/1.1 codec.
 *
 * <p>A server adds {@link io.sluice.codec.http.websocket.WebSocketServerHandshakeHandler} after the
 * HTTP aggregator; a client adds {@link io.sluice.codec.http.websocket.WebSocketClientHandshakeHandler}
 * after {@link io.sluice.codec.http.HttpClientCodec}. After the upgrade the pipeline holds, in order:
 * {@link io.sluice.codec.http.websocket.WebSocketFrameEncoder}, {@link
 * io.sluice.codec.http.websocket.WebSocketFrameDecoder}, optionally {@link
 * io.sluice.codec.http.websocket.WebSocketMessageAggregator}, {@link
 * io.sluice.codec.http.websocket.WebSocketControlHandler} (pongs, the closing handshake), then the
 * application, which gets a {@link io.sluice.codec.http.websocket.WebSocketHandshakeCompleted} event
 * and reads and writes {@link io.sluice.codec.http.websocket.WebSocketFrame}s.
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
 * <li>How the WebSocket ended reaches the application as a {@link
 *     io.sluice.codec.http.websocket.WebSocketClosed} event (code, reason, clean) just before
 *     {@code channelInactive}: the code and reason of the peer's close frame, or 1006 when none came,
 *     as a browser's {@code CloseEvent} reports them. A received close is echoed with its reason.</li>
 * <li>Keep-alive pings are opt-in: {@link io.sluice.codec.http.websocket.WebSocketKeepAliveHandler}
 *     pings a connection silent for a while and, if nothing answers in time, sends 1001 and drops the
 *     connection without a closing handshake (the peer is presumed gone: 1006 locally).</li>
 * <li>An upgrade request pipelined behind an HTTP request not yet answered is not supported: the
 *     handshake handler cannot see that state in the keep-alive handler, which holds the 101 back
 *     and drops it when the upgrade removes it. Browsers and WebSocket clients send the upgrade
 *     before anything else on its connection, or after the earlier answers.</li>
 * <li>permessage-deflate (RFC 7692) is the one extension, off unless a handshake handler is given
 *     {@link io.sluice.codec.http.websocket.PerMessageDeflateOptions}. When agreed, a compressor sits
 *     between the frame encoder and decoder and a decompressor right after the decoder, before the
 *     aggregator: fragments are inflated as they arrive, never past the message limit (the
 *     aggregator's, or 1 MiB without one), and the frame limit applies to the compressed bytes.
 *     The JDK's deflater always uses a 32 KiB window, so a server declines offers that ask it for a
 *     smaller one and a client never lets the server limit its window. Without an agreement every
 *     RSV bit is a protocol error.</li>
 * </ul>
 */
package io.sluice.codec.http.websocket;
