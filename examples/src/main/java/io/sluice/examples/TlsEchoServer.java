package io.sluice.examples;

import io.sluice.codec.tls.TlsContext;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * {@code echo} over TLS: each connection's pipeline is a {@link io.sluice.codec.tls.TlsHandler}
 * followed by the echo handler, which sees plaintext. Try it with
 * {@code openssl s_client -connect 127.0.0.1:7443}.
 */
public final class TlsEchoServer {
    private TlsEchoServer() {}

    /** Starts the server as the options say and returns once it listens. */
    public static ExampleServer start(ExampleOptions options)
            throws IOException, GeneralSecurityException, InterruptedException {
        TlsContext tls = TlsServerContexts.fromOptions(options);
        EchoServer.EchoHandler echo = new EchoServer.EchoHandler();
        return RunningServer.start(options, 7443, (pipeline, workers) -> pipeline
                .addLast("tls", tls.newHandler())
                .addLast(workers, "echo", echo));
    }
}
