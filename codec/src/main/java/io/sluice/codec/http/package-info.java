/**
 * HTTP/1.1 (RFC 9110, 9112): the message model, the server's codec and connection rules.
 *
 * <p>A server pipeline, in order: {@link io.sluice.codec.http.HttpRequestDecoder},
 * {@link io.sluice.codec.http.HttpResponseEncoder},
 * {@link io.sluice.codec.http.HttpServerKeepAliveHandler}, optionally
 * {@link io.sluice.codec.http.HttpObjectAggregator}, then the application, which reads
 * {@link io.sluice.codec.http.FullHttpRequest}s (or heads and content pieces without the aggregator)
 * and writes {@link io.sluice.codec.http.FullHttpResponse}s (or heads and pieces) in request order.
 *
 * <p>Also here: {@link io.sluice.codec.http.HttpContentCompressor} (gzip/deflate responses, placed
 * between the encoder and the keep-alive handler), {@link io.sluice.codec.http.HttpContentDecompressor}
 * (bounded request inflation, after the aggregator), {@link io.sluice.codec.http.HttpRouter},
 * {@link io.sluice.codec.http.QueryString} and {@link io.sluice.codec.http.Cookies}; the client side is
 * {@link io.sluice.codec.http.HttpClientCodec} and {@link io.sluice.codec.http.HttpClientConnection}.
 *
 * <p>Decisions:
 * <ul>
 * <li>Messages are records: heads ({@code HttpRequest}, {@code HttpResponse}), content pieces
 *     ({@code HttpContent}, the last one flagged, with trailers) and whole messages. A request without
 *     content is decoded straight into a {@code FullHttpRequest} (with an empty buffer), so the common
 *     GET is one message.</li>
 * <li>Header names are kept as received, except that names the decoder knows become the lower-case
 *     {@link io.sluice.codec.http.HttpHeaderNames} constants (no allocation, identity match on lookup).
 *     The encoder writes names as they are given.</li>
 * <li>Strict parsing, no lenient mode: every rule RFC 9112 lets a recipient relax (bare LF, a
 *     repeated identical Content-Length, whitespace before a colon) is refused, because each is a
 *     known request-smuggling vector when two parsers disagree.</li>
 * <li>Decoding errors are fired to {@code exceptionCaught} (in order after the requests decoded
 *     before them) rather than closing the channel at once, so the keep-alive handler can first send
 *     the responses owed to earlier pipelined requests, then the error's status, then close.</li>
 * <li>Responses are written in request order; the keep-alive handler holds back a response written
 *     early (its request was handled while an earlier one was still unanswered). A protocol upgrade
 *     (101) is the end of the exchange: the upgrading handler removes the codec and the keep-alive
 *     handler after writing it; the decoder hands its undecoded bytes to the next handler.</li>
 * </ul>
 */
package io.sluice.codec.http;
