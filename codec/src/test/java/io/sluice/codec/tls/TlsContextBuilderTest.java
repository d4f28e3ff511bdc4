package io.sluice.codec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.codec.tls.TlsPair.Split;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Contexts from PEM files, PKCS#12 stores and key objects; the safe defaults; delegated tasks off the loop. */
@Timeout(30)
class TlsContextBuilderTest {
    @TempDir
    Path dir;

    private void assertServes(TlsContext server) throws Exception {
        TlsPair pair = new TlsPair(TlsTestContexts.client("TLSv1.3", "TLSv1.2"), server, Split.WHOLE).handshake();
        try {
            assertTrue(pair.clientTls.handshakeFuture().isSuccess(), () -> "" + pair.clientTls.handshakeFuture().cause());
        } finally {
            pair.finish();
        }
    }

    @Test
    void serverFromPemKeyAndChain() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), TlsTestContexts.CERT.privateKeyPem());
        Path chain = Files.writeString(dir.resolve("chain.pem"), TlsTestContexts.CERT.certificatePem());
        assertServes(TlsContextBuilder.forServerPem(key, chain).delegatedTaskExecutor(Runnable::run).build());
    }

    @Test
    void serverFromPkcs12() throws Exception {
        char[] password = "secret".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", TlsTestContexts.CERT.privateKey(), password,
                new X509Certificate[] {TlsTestContexts.CERT.certificate()});
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        assertServes(TlsContextBuilder.forServerPkcs12(file, password).delegatedTaskExecutor(Runnable::run).build());
    }

    @Test
    void pkcs1RsaKeyIsAccepted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        byte[] pkcs8 = rsa.getEncoded();
        // PKCS#8 is SEQUENCE { version, algorithm, OCTET STRING { PKCS#1 } }: the PKCS#1 key is its tail
        int pkcs1Length = pkcs1Length(pkcs8);
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, pkcs8.length - pkcs1Length, pkcs8.length);
        Path file = Files.writeString(dir.resolve("rsa.pem"), PemFiles.pem("RSA PRIVATE KEY", pkcs1));
        RSAPrivateCrtKey read = (RSAPrivateCrtKey) PemFiles.readPrivateKey(file);
        assertEquals(rsa.getModulus(), read.getModulus());
        assertEquals(rsa.getPrivateExponent(), read.getPrivateExponent());
    }

    /** The length of the PKCS#1 structure at the end of a PKCS#8 RSA key: its own SEQUENCE header says it. */
    private static int pkcs1Length(byte[] pkcs8) {
        for (int i = pkcs8.length - 1200; i < pkcs8.length - 4; i++) {
            if ((pkcs8[i] & 0xff) == 0x30 && (pkcs8[i + 1] & 0xff) == 0x82) {
                int length = 4 + ((pkcs8[i + 2] & 0xff) << 8 | pkcs8[i + 3] & 0xff);
                if (i + length == pkcs8.length) {
                    return length;
                }
            }
        }
        throw new AssertionError("no PKCS#1 structure at the end of the PKCS#8 key");
    }

    @Test
    void encryptedOrMissingKeysAreRefusedWithTheReason() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), PemFiles.pem("ENCRYPTED PRIVATE KEY", new byte[16]));
        Exception e = assertThrows(java.security.spec.InvalidKeySpecException.class, () -> PemFiles.readPrivateKey(encrypted));
        assertTrue(e.getMessage().contains("ENCRYPTED PRIVATE KEY (expected: PRIVATE KEY or RSA PRIVATE KEY, unencrypted"),
                e::getMessage);
        Path certOnly = Files.writeString(dir.resolve("cert.pem"), TlsTestContexts.CERT.certificatePem());
        e = assertThrows(java.security.spec.InvalidKeySpecException.class, () -> PemFiles.readPrivateKey(certOnly));
        assertTrue(e.getMessage().contains("none found"), e::getMessage);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        e = assertThrows(java.security.cert.CertificateException.class, () -> PemFiles.readCertificates(empty));
        assertTrue(e.getMessage().contains(": 0 (expected: at least one"), e::getMessage);
    }

    @Test
    void defaultsAreTls13And12WithForwardSecretAeadSuites() throws Exception {
        TlsContext context = TlsTestContexts.server().build();
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), context.protocols());
        assertTrue(context.cipherSuites().contains("TLS_AES_128_GCM_SHA256"));
        for (String suite : context.cipherSuites()) {
            assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                    || suite.startsWith("TLS_ECDHE_") && !suite.contains("_CBC_"), suite);
        }
        SSLEngine engine = context.newEngine();
        assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(engine.getEnabledProtocols()));
    }

    @Test
    void clientVerifiesHostNamesAndSendsSni() throws Exception {
        TlsContext client = TlsTestContexts.client().build();
        SSLEngine engine = client.newEngine("example.com", 443);
        assertEquals("HTTPS", engine.getSSLParameters().getEndpointIdentificationAlgorithm());
        assertEquals("example.com", ((javax.net.ssl.SNIHostName) engine.getSSLParameters().getServerNames().get(0))
                .getAsciiName());
        IllegalStateException e = assertThrows(IllegalStateException.class, client::newEngine);
        assertTrue(e.getMessage().startsWith("peer host: none"));
        assertEquals(null, TlsTestContexts.client().hostnameVerification(false).build().newEngine()
                .getSSLParameters().getEndpointIdentificationAlgorithm());
    }

    @Test
    void badSettingsAreRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsContextBuilder.forClient().protocols("TLSv1.4"));
        assertTrue(e.getMessage().startsWith("protocol: TLSv1.4 (expected: one of"));
        e = assertThrows(IllegalArgumentException.class,
                () -> TlsContextBuilder.forClient().cipherSuites("TLS_NOPE").build());
        assertEquals("cipher suite: TLS_NOPE (expected: one the JDK supports)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TlsContextBuilder.forClient().handshakeTimeout(java.time.Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("handshakeTimeout: PT-1S (expected: zero or more)"));
    }

    @Test
    void delegatedTasksRunOffTheEventLoopAndTheHandshakeResumesOnIt() throws Exception {
        ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
        AtomicInteger ran = new AtomicInteger();
        Collection<Thread> taskThreads = new ConcurrentLinkedQueue<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            TlsContext server = TlsTestContexts.server().delegatedTaskExecutor(queued::add).build();
            TlsContext client = TlsTestContexts.client().delegatedTaskExecutor(queued::add).build();
            TlsPair pair = new TlsPair(client, server, Split.WHOLE);
            try {
                for (int round = 0; round < 50 && !(pair.clientTls.handshakeFuture().isDone()
                        && pair.serverTls.handshakeFuture().isDone()); round++) {
                    pair.pump();
                    for (Runnable task; (task = queued.poll()) != null; ) {
                        Runnable t = task;
                        worker.submit(() -> {
                            taskThreads.add(Thread.currentThread());
                            ran.incrementAndGet();
                            t.run();
                        }).get(10, TimeUnit.SECONDS);
                    }
                }
                assertTrue(pair.clientTls.handshakeFuture().isSuccess(), () -> "" + pair.clientTls.handshakeFuture().cause());
                assertTrue(pair.serverTls.handshakeFuture().isSuccess());
                assertTrue(ran.get() > 0, "the engines handed out delegated tasks");
                assertTrue(taskThreads.stream().noneMatch(t -> t == Thread.currentThread()));
            } finally {
                pair.finish();
            }
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void selfSignedCertificateNamesItsHostsAndVerifies() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("example.test", "10.1.2.3", "::1");
        X509Certificate x509 = cert.certificate();
        x509.verify(x509.getPublicKey());
        x509.checkValidity();
        assertEquals(3, x509.getVersion());
        assertEquals("CN=example.test", x509.getSubjectX500Principal().getName());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        Collection<List<?>> names = x509.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "example.test")), names::toString);
        assertTrue(names.contains(List.of(7, "10.1.2.3")), names::toString);
        assertEquals(3, names.size());
        assertNotEquals(x509.getSerialNumber(), SelfSignedCertificate.create().certificate().getSerialNumber());
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.create(new String[0]));
    }
}
