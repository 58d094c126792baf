package dev.sluice.emulator.internal.identity.directory;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads and writes RSA keys as PEM (public keys, X.509 certificates, PKCS#8 private keys). Stateless. */
public final class PemKeys {
    private PemKeys() {}

    /** The RSA public key of a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}. */
    public static RSAPublicKey publicKey(String pem) {
        try {
            if (pem.contains("BEGIN CERTIFICATE")) {
                PublicKey k = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                        .getPublicKey();
                return rsa(k);
            }
            if (pem.contains("BEGIN PUBLIC KEY")) {
                return rsa(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(body(pem))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a readable PEM public key or certificate: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("expected a PEM 'PUBLIC KEY' or 'CERTIFICATE' block");
    }

    /** A PKCS#8 {@code PRIVATE KEY} PEM block. */
    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(body(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] body(String pem) {
        String b = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(b);
    }

    private static RSAPublicKey rsa(PublicKey k) {
        if (k instanceof RSAPublicKey r) {
            return r;
        }
        throw new IllegalArgumentException("only RSA keys are supported, got " + k.getAlgorithm());
    }
}
