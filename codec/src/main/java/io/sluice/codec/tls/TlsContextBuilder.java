package io.sluice.codec.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds a {@link TlsContext}. Safe defaults: TLS 1.3 and 1.2 only; the JDK's default cipher
 * suites narrowed to forward-secret AEAD ones (TLS 1.3 suites, ECDHE with AES-GCM or
 * ChaCha20-Poly1305); clients trust the JDK's default trust store and verify the server's host
 * name; a 10 s handshake timeout and a 3 s wait for the peer's close_notify; delegated tasks on a
 * shared pool off the event loop.
 *
 * <pre>{@code
 * TlsContext server = TlsContextBuilder.forServerPem(Path.of("key.pem"), Path.of("chain.pem")).build();
 * TlsContext client = TlsContextBuilder.forClient().trustCertificates(caCert).applicationProtocols("h2", "http/1.1").build();
 * }</pre>
 *
 * <p>Not thread-safe; build on one thread, then share the context.
 */
public final class TlsContextBuilder {
    /** The protocol versions enabled unless {@link #protocols} says otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Set<String> KNOWN_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3");
    private static final char[] IN_MEMORY_PASSWORD = "sluice".toCharArray();

    private final boolean client;
    private final KeyManagerFactory keyManagers;
    private TrustManagerFactory trustManagers;
    private List<String> protocols = DEFAULT_PROTOCOLS;
    private List<String> cipherSuites;
    private List<String> applicationProtocols = List.of();
    private boolean hostnameVerification = true;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration closeNotifyWait = Duration.ofSeconds(3);
    private Executor delegatedTaskExecutor;

    private TlsContextBuilder(boolean client, KeyManagerFactory keyManagers) {
        this.client = client;
        this.keyManagers = keyManagers;
    }

    /** Starts a client context: JDK default trust, hostname verification on. */
    public static TlsContextBuilder forClient() {
        return new TlsContextBuilder(true, null);
    }

    /** Starts a server context whose keys come from {@code keyManagers}. */
    public static TlsContextBuilder forServer(KeyManagerFactory keyManagers) {
        return new TlsContextBuilder(false, Objects.requireNonNull(keyManagers, "keyManagers"));
    }

    /**
     * Starts a server context with a private key and its certificate chain (leaf first).
     *
     * @throws GeneralSecurityException if the key does not fit the chain's leaf or cannot be stored
     */
    public static TlsContextBuilder forServer(PrivateKey key, X509Certificate... chain) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (chain.length == 0) {
            throw new IllegalArgumentException("certificate chain length: 0 (expected: at least the leaf)");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("empty in-memory key store: " + e.getMessage(), e);
        }
        store.setKeyEntry("key", key, IN_MEMORY_PASSWORD, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        return forServer(factory);
    }

    /**
     * Starts a server context from PEM files: an unencrypted private key (PKCS#8 or PKCS#1 RSA) and
     * the certificate chain, leaf first (what {@code certbot} writes as {@code fullchain.pem}).
     *
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if a file holds no usable key or certificate (the message says which)
     */
    public static TlsContextBuilder forServerPem(Path keyFile, Path chainFile) throws IOException, GeneralSecurityException {
        PrivateKey key = PemFiles.readPrivateKey(Objects.requireNonNull(keyFile, "keyFile"));
        List<X509Certificate> chain = PemFiles.readCertificates(Objects.requireNonNull(chainFile, "chainFile"));
        return forServer(key, chain.toArray(X509Certificate[]::new));
    }

    /**
     * Starts a server context from a PKCS#12 key store (one key entry; its password is the store's).
     *
     * @throws IOException if the file cannot be read or the password is wrong
     * @throws GeneralSecurityException if the store holds no usable key
     */
    public static TlsContextBuilder forServerPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Objects.requireNonNull(file, "file"))) {
            store.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return forServer(factory);
    }

    /** Trusts exactly these certificates (a CA, or a self-signed server certificate) instead of the JDK default. */
    public TlsContextBuilder trustCertificates(X509Certificate... certificates) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("empty in-memory trust store: " + e.getMessage(), e);
        }
        for (int i = 0; i < certificates.length; i++) {
            store.setCertificateEntry("trusted-" + i, Objects.requireNonNull(certificates[i], "certificate"));
        }
        return trustStore(store);
    }

    /** Trusts the certificates of a PEM file instead of the JDK default. */
    public TlsContextBuilder trustPem(Path file) throws IOException, GeneralSecurityException {
        return trustCertificates(PemFiles.readCertificates(Objects.requireNonNull(file, "file"))
                .toArray(X509Certificate[]::new));
    }

    /** Trusts the certificates of {@code store} instead of the JDK default. */
    public TlsContextBuilder trustStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(Objects.requireNonNull(store, "store"));
        this.trustManagers = factory;
        return this;
    }

    /**
     * Client only: whether to check that the server's certificate names the host connected to (on
     * by default). Turn it off only for tests that connect by a name the certificate lacks.
     */
    public TlsContextBuilder hostnameVerification(boolean enabled) {
        this.hostnameVerification = enabled;
        return this;
    }

    /** Sets the enabled protocol versions (default TLSv1.3 and TLSv1.2). */
    public TlsContextBuilder protocols(String... protocols) {
        List<String> list = List.of(protocols);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("protocols: none (expected: at least one of " + DEFAULT_PROTOCOLS + ")");
        }
        for (String protocol : list) {
            if (!KNOWN_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("protocol: " + protocol + " (expected: one of " + KNOWN_PROTOCOLS + ")");
            }
        }
        this.protocols = list;
        return this;
    }

    /** Sets the enabled cipher suites (default: the JDK's forward-secret AEAD suites). */
    public TlsContextBuilder cipherSuites(String... cipherSuites) {
        this.cipherSuites = List.of(cipherSuites);
        return this;
    }

    /**
     * Sets the ALPN protocols, in preference order: a client offers them; a server picks the first
     * of its list that the client offers and fails the handshake if there is none. Default: no ALPN.
     */
    public TlsContextBuilder applicationProtocols(String... protocols) {
        this.applicationProtocols = List.of(protocols);
        return this;
    }

    /** Sets how long a handshake may take before the connection is closed (default 10 s; zero: no limit). */
    public TlsContextBuilder handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = nonNegative("handshakeTimeout", timeout);
        return this;
    }

    /** Sets how long a close waits for the peer's close_notify after sending its own (default 3 s; zero: no wait). */
    public TlsContextBuilder closeNotifyWait(Duration wait) {
        this.closeNotifyWait = nonNegative("closeNotifyWait", wait);
        return this;
    }

    /**
     * Sets where the engine's delegated tasks run (default: a shared pool off the event loop). The
     * handshake resumes on the channel's event loop when they are done.
     */
    public TlsContextBuilder delegatedTaskExecutor(Executor executor) {
        this.delegatedTaskExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    private static Duration nonNegative(String name, Duration value) {
        if (Objects.requireNonNull(value, name).isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: zero or more)");
        }
        return value;
    }

    /**
     * Builds the context.
     *
     * @throws IllegalArgumentException if a protocol or cipher suite is not supported by the JDK
     * @throws IllegalStateException if the JDK cannot create the context
     */
    public TlsContext build() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            List<String> supportedProtocols = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
            for (String protocol : protocols) {
                if (!supportedProtocols.contains(protocol)) {
                    throw new IllegalArgumentException("protocol: " + protocol + " (expected: one of " + supportedProtocols + ")");
                }
            }
            String[] suites = cipherSuites != null ? checkedSuites(context, cipherSuites) : strongSuites(context);
            return new TlsContext(context, client, protocols.toArray(String[]::new), suites,
                    applicationProtocols.toArray(String[]::new), hostnameVerification, handshakeTimeout,
                    closeNotifyWait, delegatedTaskExecutor != null ? delegatedTaskExecutor : DelegatedTasks.defaultExecutor());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS context: " + e.getMessage() + " (expected: a JDK with TLS)", e);
        }
    }

    private static String[] checkedSuites(SSLContext context, List<String> suites) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        for (String suite : suites) {
            if (!supported.contains(suite)) {
                throw new IllegalArgumentException("cipher suite: " + suite + " (expected: one the JDK supports)");
            }
        }
        return suites.toArray(String[]::new);
    }

    /** The JDK's default suites (already in its preference order) that are forward-secret and AEAD. */
    private static String[] strongSuites(SSLContext context) {
        List<String> strong = new ArrayList<>();
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
            boolean ecdheAead = suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("_CHACHA20_"));
            if (tls13 || ecdheAead) {
                strong.add(suite);
            }
        }
        return strong.toArray(String[]::new);
    }
}
