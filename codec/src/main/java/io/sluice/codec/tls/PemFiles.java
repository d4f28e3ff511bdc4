package io.sluice.codec.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files (RFC 7468) into JDK key and certificate objects, and writes PEM text. Private
 * keys: unencrypted PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519) and PKCS#1 RSA
 * ({@code RSA PRIVATE KEY}, wrapped into PKCS#8 here). Encrypted keys and SEC1 EC keys are refused
 * with the {@code openssl} command that converts them.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String CONVERT = "; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem)";

    private PemFiles() {}

    /** Returns the certificates of a PEM file, in file order (the leaf first in a chain file). */
    static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        byte[] bytes = Files.readAllBytes(file);
        List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                .map(X509Certificate.class::cast)
                .toList();
        if (certificates.isEmpty()) {
            throw new CertificateException("certificates in " + file + ": 0 (expected: at least one"
                    + " -----BEGIN CERTIFICATE----- block)");
        }
        return certificates;
    }

    /** Returns the private key of a PEM file. @throws GeneralSecurityException naming what was found instead */
    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher block = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (block.find()) {
            String label = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (label) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.sequence(Der.integer(BigInteger.ZERO),
                            Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nul()), Der.octetString(der)), file);
                case "ENCRYPTED PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new InvalidKeySpecException("PEM key in " + file + ": " + label
                            + " (expected: PRIVATE KEY or RSA PRIVATE KEY, unencrypted" + CONVERT);
                default:
                    break; // e.g. EC PARAMETERS before the key: skip
            }
        }
        throw new InvalidKeySpecException("PEM key in " + file + ": none found (expected: a -----BEGIN PRIVATE KEY-----"
                + " block)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            }
        }
        throw new InvalidKeySpecException("PEM key in " + file + ": unknown algorithm (expected: RSA, EC or EdDSA)");
    }

    /** Returns {@code der} as a PEM block with the given label, 64 base64 characters a line. */
    static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }
}
