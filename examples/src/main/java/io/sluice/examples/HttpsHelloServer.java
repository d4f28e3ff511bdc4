package io.sluice.examples;

import io.sluice.codec.tls.TlsContext;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * {@code http-hello} over TLS: each connection's pipeline is a {@link io.sluice.codec.tls.TlsHandler}
 * followed by exactly the {@link HttpHelloServer} pipeline, which sees plaintext HTTP/1.1. The
 * certificate comes from {@code --cert CHAIN.pem --key KEY.pem}, or is a self-signed one for
 * localhost made at start-up (so clients must be told to trust it: {@code curl -k}). Try it with
 * {@code curl -k https://127.0.0.1:8443/plaintext}.
 */
public final class HttpsHelloServer {
    private HttpsHelloServer() {}

    /** Starts the server as the options say (port 8443 unless given) and returns once it listens. */
    public static ExampleServer start(ExampleOptions options)
            throws IOException, GeneralSecurityException, InterruptedException {
        TlsContext tls = TlsServerContexts.fromOptions(options);
        HttpHelloServer.HelloHandler hello = new HttpHelloServer.HelloHandler();
        return RunningServer.start(options, 8443, (pipeline, workers) -> {
            pipeline.addLast("tls", tls.newHandler());
            HttpHelloServer.addHttp(pipeline, workers, hello);
        });
    }
}
