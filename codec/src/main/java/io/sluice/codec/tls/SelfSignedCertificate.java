package io.sluice.codec.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A throw-away self-signed certificate and its private key, made in memory with plain JDK crypto
 * (an EC P-256 key, SHA256withECDSA): <strong>for tests and examples only</strong>. Nobody trusts
 * it unless told to, and the key never leaves the process unless you write it out. Servers facing
 * real clients load a real key and chain with {@link TlsContextBuilder#forServerPem} or
 * {@link TlsContextBuilder#forServerPkcs12}.
 *
 * <p>The certificate is X.509 v3, valid from one day ago for one year, its subject and issuer
 * {@code CN=<first name>}, with a subjectAltName listing every name given (DNS names, and IP
 * addresses for IP literals), so hostname verification passes for those names. The DER encoding is
 * written by {@link Der}; the JDK's {@code keytool} classes are not API and are not used.
 */
public final class SelfSignedCertificate {
    private static final String EC_PUBLIC_KEY_SIGNED_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /** Makes a certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}. */
    public static SelfSignedCertificate create() {
        return create("localhost", "127.0.0.1", "::1");
    }

    /**
     * Makes a certificate for the given host names and IP literals; the first is the common name.
     *
     * @throws IllegalArgumentException if no name is given
     * @throws IllegalStateException if the JDK lacks EC P-256 or SHA256withECDSA (every JDK 17 has them)
     */
    public static SelfSignedCertificate create(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("names: 0 (expected: at least one host name)");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            byte[] signatureAlgorithm = Der.sequence(Der.oid(EC_PUBLIC_KEY_SIGNED_WITH_SHA256));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(names[0]))));
            ZonedDateTime now = ZonedDateTime.now();
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)), // version: v3
                    Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    signatureAlgorithm,
                    name,
                    Der.sequence(Der.time(now.minusDays(1)), Der.time(now.plusYears(1))),
                    name,
                    keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                    Der.explicit(3, Der.sequence(subjectAltName(names))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, signatureAlgorithm, Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new SelfSignedCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("self-signed certificate: " + e.getMessage()
                    + " (expected: a JDK with EC P-256 and SHA256withECDSA)", e);
        }
    }

    private static byte[] subjectAltName(String[] names) {
        List<byte[]> generalNames = new ArrayList<>();
        for (String name : names) {
            Objects.requireNonNull(name, "name");
            byte[] address = ipLiteral(name);
            generalNames.add(address != null
                    ? Der.implicit(IP_ADDRESS, address)
                    : Der.implicit(DNS_NAME, name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        byte[] extensionValue = Der.sequence(generalNames.toArray(byte[][]::new));
        return Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(extensionValue));
    }

    /** Returns the address bytes if {@code name} is an IPv4 or IPv6 literal (never a name lookup), else null. */
    static byte[] ipLiteral(String name) {
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = name.split("\\.");
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                address[i] = (byte) octet;
            }
            return address;
        }
        if (name.indexOf(':') >= 0 && name.matches("[0-9A-Fa-f:.]+")) {
            try {
                return InetAddress.getByName(name).getAddress(); // contains ':': parsed as a literal, never resolved
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** Returns the private key (never written anywhere by this class). */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Returns the certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Returns the certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}). */
    public String certificatePem() {
        try {
            return PemFiles.pem("CERTIFICATE", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate: not encodable (expected: the DER it was parsed from)", e);
        }
    }

    /** Returns the private key as unencrypted PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}). */
    public String privateKeyPem() {
        return PemFiles.pem("PRIVATE KEY", privateKey.getEncoded());
    }
}
