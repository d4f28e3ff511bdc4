package io.sluice.codec.http;

/**
 * What the HTTP codecs read and write: a message head ({@link HttpRequest}, {@link HttpResponse}),
 * a piece of content ({@link HttpContent}), or a whole message ({@link FullHttpRequest},
 * {@link FullHttpResponse}).
 */
public interface HttpObject {}
