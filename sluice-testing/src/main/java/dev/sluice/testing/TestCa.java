package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests: a self-signed CA that issues server certificates for loopback names and
 * addresses, written as PEM files the way an operator gets them. Keys are EC P-256 (fast to make) unless RSA is
 * asked for. Thread-safe.
 */
public final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(String name) {
        this.name = name;
        this.keys = generate(false);
        this.certificate = sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys.getPrivate(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), true, List.of());
    }

    /** A new CA named {@code CN=name}. */
    public static TestCa create(String name) {
        return new TestCa(name);
    }

    /** The CA's certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes the CA certificate as PEM to {@code file}; returns it. */
    public Path writeCertificate(Path file) {
        return write(file, pem("CERTIFICATE", encoded(certificate)));
    }

    /** A server certificate for {@code CN=cn} with these DNS names and IP addresses, valid for ten years. */
    public Issued issue(String cn, String... names) {
        return issue(cn, false, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)),
                names);
    }

    /** As {@link #issue(String, String...)}, with an RSA key and the validity given. */
    public Issued issue(String cn, boolean rsa, Instant notBefore, Instant notAfter, String... names) {
        KeyPair leaf = generate(rsa);
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
            boolean ip = n.matches("[0-9.]+") || n.contains(":");
            sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        X509Certificate cert = sign(new X500Name("CN=" + cn), leaf, new X500Name("CN=" + name), keys.getPrivate(),
                notBefore, notAfter, false, sans);
        return new Issued(cert, leaf.getPrivate(), certificate);
    }

    /** A server certificate and its key, as issued. */
    public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {
        /** Writes the certificate followed by the CA's (a chain, as servers are given it). */
        public Path writeChain(Path file) {
            return write(file, pem("CERTIFICATE", encoded(certificate)) + pem("CERTIFICATE", encoded(issuer)));
        }

        /** Writes the key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
        public Path writeKey(Path file) {
            return write(file, pem("PRIVATE KEY", key.getEncoded()));
        }

        /** The certificate's serial number. */
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    /** PEM text of one block. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            // replace in one step, as a rotation does (a reader never sees half a file)
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".pem");
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate(boolean rsa) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean ca, List<GeneralName> sans) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            String alg = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            ContentSigner signer = new JcaContentSignerBuilder(alg).build(issuerKey);
            X509CertificateHolder holder = b.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** The loopback names a test server's certificate carries: localhost, 127.0.0.1 and ::1. */
    public static String[] loopbackNames() {
        return new String[] {"localhost", "127.0.0.1", "::1"};
    }
}
