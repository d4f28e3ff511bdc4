package io.sluice.examples;

import io.sluice.codec.tls.SelfSignedCertificate;
import io.sluice.codec.tls.TlsContext;
import io.sluice.codec.tls.TlsContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The server TLS context of the TLS examples: {@code --cert CHAIN.pem --key KEY.pem} load a real
 * certificate chain (leaf first) and its unencrypted private key; without them a self-signed
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} is made at start-up (for
 * trying things out only: clients must be told to trust it, e.g. {@code curl -k}).
 */
public final class TlsServerContexts {
    private TlsServerContexts() {}

    /** Returns the context the options ask for. @throws IllegalArgumentException if only one of --cert/--key is given */
    public static TlsContext fromOptions(ExampleOptions options) throws IOException, GeneralSecurityException {
        String cert = options.value("cert");
        String key = options.value("key");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together (got only --" + (cert == null ? "key" : "cert")
                    + ")");
        }
        if (cert != null) {
            return TlsContextBuilder.forServerPem(Path.of(key), Path.of(cert)).build();
        }
        SelfSignedCertificate selfSigned = SelfSignedCertificate.create();
        System.out.println("using a self-signed certificate for localhost (give --cert and --key for a real one)");
        return TlsContextBuilder.forServer(selfSigned.privateKey(), selfSigned.certificate()).build();
    }
}
