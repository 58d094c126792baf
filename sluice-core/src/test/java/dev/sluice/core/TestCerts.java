package dev.sluice.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for the core's TLS tests: a CA, certificates it signs, and PEM files in the forms operators have. */
final class TestCerts {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    record Ca(String name, KeyPair keys, X509Certificate certificate) {}

    record Issued(X509Certificate certificate, PrivateKey key) {}

    static Ca ca(String name) throws Exception {
        KeyPair k = keys(false);
        X509Certificate c = sign("CN=" + name, k, "CN=" + name, k.getPrivate(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3650)), true, List.of());
        return new Ca(name, k, c);
    }

    static Issued issue(Ca ca, String cn, boolean rsa, Instant notAfter, String... names) throws Exception {
        KeyPair k = keys(rsa);
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
            sans.add(new GeneralName(n.matches("[0-9.]+") || n.contains(":") ? GeneralName.iPAddress : GeneralName.dNSName,
                    n));
        }
        return new Issued(sign("CN=" + cn, k, "CN=" + ca.name(), ca.keys().getPrivate(),
                Instant.now().minus(Duration.ofDays(2)), notAfter, false, sans), k.getPrivate());
    }

    static Issued issue(Ca ca, String cn, String... names) throws Exception {
        return issue(ca, cn, false, Instant.now().plus(Duration.ofDays(3650)), names);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static String certificatePem(X509Certificate... chain) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(pem("CERTIFICATE", c.getEncoded()));
        }
        return sb.toString();
    }

    /** PKCS#8 ({@code PRIVATE KEY}). */
    static String pkcs8(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** PKCS#1 ({@code RSA PRIVATE KEY}), as older openssl and certbot write RSA keys. */
    static String pkcs1(PrivateKey rsa) throws Exception {
        return pem("RSA PRIVATE KEY", PrivateKeyInfo.getInstance(rsa.getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded());
    }

    /** SEC 1 ({@code EC PRIVATE KEY}) naming the curve, as openssl ecparam -genkey writes it. */
    static String sec1(PrivateKey ec) throws Exception {
        org.bouncycastle.asn1.sec.ECPrivateKey k = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((ECPrivateKey) ec).getS(), new X962Parameters(SECObjectIdentifiers.secp256r1));
        return pem("EC PRIVATE KEY", k.getEncoded());
    }

    /** Replaces a file in one step, as a certificate rotation does. */
    static Path write(Path file, String text) throws Exception {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".pem");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyPair keys(boolean rsa) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
        if (rsa) {
            g.initialize(2048);
        } else {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean ca, List<GeneralName> sans) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!sans.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
        }
        String alg = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg)
                .build(issuerKey)));
    }
}
