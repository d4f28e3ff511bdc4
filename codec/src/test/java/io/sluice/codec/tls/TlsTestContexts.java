package io.sluice.codec.tls;

import java.security.GeneralSecurityException;
import java.time.Duration;

/** One self-signed certificate per test run, and contexts over it whose delegated tasks run inline. */
final class TlsTestContexts {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.create();

    private TlsTestContexts() {}

    static TlsContextBuilder server() throws GeneralSecurityException {
        return TlsContextBuilder.forServer(CERT.privateKey(), CERT.certificate()).delegatedTaskExecutor(Runnable::run);
    }

    static TlsContextBuilder client() throws GeneralSecurityException {
        return TlsContextBuilder.forClient().trustCertificates(CERT.certificate()).delegatedTaskExecutor(Runnable::run);
    }

    static TlsContext server(String... protocols) throws GeneralSecurityException {
        return server().protocols(protocols).build();
    }

    static TlsContext client(String... protocols) throws GeneralSecurityException {
        return client().protocols(protocols).build();
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
