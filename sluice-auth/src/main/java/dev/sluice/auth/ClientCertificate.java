package dev.sluice.auth;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A client certificate for {@code private_key_jwt}: the RSA private key and its X.509 certificate
 * (whose SHA-1 and SHA-256 thumbprints go into the assertion header, as Microsoft expects). The
 * certificate may be absent for servers that know the client's public key directly (no thumbprint
 * is sent then). Immutable; {@code toString} shows only the thumbprint.
 */
public final class ClientCertificate {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    public ClientCertificate(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /**
     * Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}) and a PEM certificate (or
     * null when the server needs none).
     */
    public static ClientCertificate fromPem(String privateKeyPem, String certificatePem) {
        try {
            String body = privateKeyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            X509Certificate cert = certificatePem == null ? null : (X509Certificate) CertificateFactory
                    .getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            return new ClientCertificate(key, cert);
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the client certificate could not be read: give a "
                    + "PKCS#8 PEM private key (BEGIN PRIVATE KEY) and a PEM certificate (BEGIN CERTIFICATE)", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Base64url SHA-1 thumbprint ({@code x5t}). */
    public String thumbprintSha1() {
        return thumbprint("SHA-1");
    }

    /** Base64url SHA-256 thumbprint ({@code x5t#S256}). */
    public String thumbprintSha256() {
        return thumbprint("SHA-256");
    }

    /** Whether a certificate (and so thumbprints) is known. */
    public boolean hasCertificate() {
        return certificate != null;
    }

    private String thumbprint(String algorithm) {
        if (certificate == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return certificate == null ? "ClientCertificate[no certificate]"
                : "ClientCertificate[x5t#S256=" + thumbprintSha256() + "]";
    }
}
