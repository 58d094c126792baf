package dev.sluice.core;

import dev.sluice.core.internal.CombinedTrustManager;
import dev.sluice.core.internal.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Extra CA certificates trusted for outbound TLS in addition to the JDK's own (a company's TLS-inspecting proxy, an
 * internal CA): from a PEM file (one or more {@code CERTIFICATE} blocks), a DER certificate, a directory of
 * {@code *.pem}, {@code *.crt} and {@code *.cer} files, or a PKCS#12 trust store ({@code *.p12}, {@code *.pfx}).
 * Loaded once; {@link #sslContext()} trusts a server when the JDK's CAs or these do, with the JDK's host name
 * checks. Immutable and thread-safe.
 */
public final class TrustBundle {
    private final Path source;
    private final List<X509Certificate> certificates;
    private final SSLContext sslContext;

    private TrustBundle(Path source, List<X509Certificate> certificates) {
        this.source = source;
        this.certificates = List.copyOf(certificates);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new CombinedTrustManager(certificates, source.toString())}, null);
            this.sslContext = ctx;
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot set up TLS with the extra CAs of " + source + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Loads the CA certificates at {@code path}; {@code password} opens a PKCS#12 trust store (null for none).
     * Throws INVALID_INPUT naming the path when it is missing, unreadable or holds no certificate.
     */
    public static TrustBundle load(Path path, Secret password) {
        if (path == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a CA bundle path is required");
        }
        if (!Files.exists(path)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "CA bundle " + path + " does not exist");
        }
        Set<X509Certificate> found = new LinkedHashSet<>();
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(Files::isRegularFile).filter(TrustBundle::looksLikeCertificate).sorted().toList();
                }
                for (Path f : files) {
                    found.addAll(read(f, null));
                }
            } else {
                found.addAll(read(path, password));
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot read CA bundle " + path + ": "
                    + e.getClass().getSimpleName(), e);
        }
        if (found.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "CA bundle " + path + " holds no certificate (expected "
                    + "PEM '-----BEGIN CERTIFICATE-----' blocks, a DER certificate, a directory of *.pem/*.crt files or "
                    + "a PKCS#12 trust store)");
        }
        return new TrustBundle(path, new ArrayList<>(found));
    }

    private static boolean looksLikeCertificate(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer");
    }

    private static List<X509Certificate> read(Path file, Secret password) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Pem.isPem(bytes)) {
            try {
                return Pem.certificates(new String(bytes, StandardCharsets.US_ASCII));
            } catch (CertificateException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "CA bundle " + file + ": a PEM certificate in it "
                        + "is not readable", e);
            }
        }
        if (n.endsWith(".p12") || n.endsWith(".pfx") || password != null) {
            return pkcs12(file, bytes, password);
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            return pkcs12(file, bytes, null); // perhaps a trust store by another name
        }
    }

    private static List<X509Certificate> pkcs12(Path file, byte[] bytes, Secret password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(bytes), password == null ? null : password.reveal().toCharArray());
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            if (out.isEmpty() && password == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "CA bundle " + file + ": the PKCS#12 trust store "
                        + "shows no certificate without its password; give the password (outbound.ca-password)");
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "CA bundle " + file + " is neither PEM nor DER "
                    + "certificates nor a PKCS#12 trust store this password opens", e);
        }
    }

    /** Where the certificates came from. */
    public Path source() {
        return source;
    }

    /** The extra CA certificates, in file order without duplicates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** A TLS context trusting the JDK's CAs and these. */
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public String toString() {
        return "TrustBundle[" + source + ", " + certificates.size() + " certificates]";
    }
}
