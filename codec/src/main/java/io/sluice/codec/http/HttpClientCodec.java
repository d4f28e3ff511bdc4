package io.sluice.codec.http;

import io.sluice.channel.ChannelPipeline;
import java.util.ArrayDeque;

/**
 * The client side's codec: an {@link HttpRequestEncoder} and an {@link HttpResponseDecoder} that
 * share the methods of the requests sent, so the decoder knows that a response to HEAD carries no
 * content. Both run on the channel's event loop.
 */
public final class HttpClientCodec {
    private HttpClientCodec() {}

    /**
     * Adds a linked decoder ({@code http-decoder}) and encoder ({@code http-encoder}) at the end of
     * {@code pipeline}.
     *
     * @return the pipeline
     */
    public static ChannelPipeline addTo(ChannelPipeline pipeline) {
        ArrayDeque<HttpMethod> sent = new ArrayDeque<>();
        return pipeline.addLast("http-decoder", new HttpResponseDecoder(sent))
                .addLast("http-encoder", new HttpRequestEncoder(sent));
    }
}
