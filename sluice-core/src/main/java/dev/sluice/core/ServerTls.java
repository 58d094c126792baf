package dev.sluice.core;

import dev.sluice.core.internal.Pem;
import dev.sluice.core.internal.ReloadingKeyManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate a server presents (from a PEM certificate chain file and a PEM private key file), reloaded when
 * the files change: before each TLS handshake the files' real paths, sizes and modification times are compared
 * with the loaded ones (a symlink swapped by certbot counts), and within two seconds of a write, their contents, so
 * a rotation is served from the next connection on with no restart and no background thread. A half-written pair
 * (a key that does not match the certificate) is not taken: the previous pair stays until both files agree.
 * Thread-safe.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** File systems with coarse timestamps may not change a file's time on a second write within this window. */
    private static final Duration RACY = Duration.ofSeconds(2);

    /** One loaded pair. */
    public record Pair(long generation, List<X509Certificate> chain, PrivateKey key) {
        /** The server's own certificate (first of the chain). */
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private record Stamp(String certPath, long certSize, Instant certTime, String keyPath, long keySize,
            Instant keyTime, byte[] certBytes, byte[] keyBytes) {
        boolean sameFiles(Stamp o) {
            return certPath.equals(o.certPath) && certSize == o.certSize && certTime.equals(o.certTime)
                    && keyPath.equals(o.keyPath) && keySize == o.keySize && keyTime.equals(o.keyTime);
        }

        boolean sameBytes(Stamp o) {
            return java.util.Arrays.equals(certBytes, o.certBytes) && java.util.Arrays.equals(keyBytes, o.keyBytes);
        }
    }

    private final Path certificateFile;
    private final Path keyFile;
    private final Clock clock;
    private final SSLContext sslContext;
    private volatile Pair current;
    private volatile Pair previous;
    private Stamp stamp;
    /** Whether the files were last written long enough before they were read that their times can be trusted. */
    private boolean settled;
    private Stamp lastRefused;

    private ServerTls(Path certificateFile, Path keyFile, Clock clock) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.clock = clock;
        Stamp s = stamp(true);
        this.current = load(s, 1);
        this.stamp = s;
        this.settled = !clock.instant().isBefore(written(s).plus(RACY));
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {new ReloadingKeyManager(this)}, null, null);
            this.sslContext = ctx;
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a PEM certificate chain (the server's certificate first, then intermediates) and its PEM private key
     * (PKCS#8, PKCS#1 or SEC 1, unencrypted). Throws INVALID_INPUT naming the file when one is missing or unreadable,
     * or when the key does not belong to the certificate.
     */
    public static ServerTls fromPem(Path certificateFile, Path keyFile) {
        return fromPem(certificateFile, keyFile, Clock.systemUTC());
    }

    /** As {@link #fromPem(Path, Path)}, with the clock that decides when file times can be trusted. */
    public static ServerTls fromPem(Path certificateFile, Path keyFile, Clock clock) {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        return new ServerTls(certificateFile, keyFile, clock);
    }

    /** A TLS context that presents the current pair, checking the files at each handshake. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The pair in use, after checking the files. */
    public Pair current() {
        refresh();
        return current;
    }

    /** The pair with this generation, if it is still known (the current one or the previous). */
    public Pair generation(long generation) {
        Pair p = current;
        return p.generation() == generation ? p : previous != null && previous.generation() == generation ? previous
                : null;
    }

    /** Reloads the pair when the files changed (and agree); returns the pair in use. Called at each handshake. */
    public Pair refresh() {
        Stamp now;
        try {
            now = stamp(false);
        } catch (SluiceException e) {
            // a file is missing for a moment (being replaced): keep serving the current pair
            LOG.debug("TLS files not readable now; keeping the current pair", e);
            return current;
        }
        synchronized (this) {
            boolean sameFiles = now.sameFiles(stamp);
            if (sameFiles && settled) {
                return current;
            }
            Stamp read = withBytes(now);
            if (read == null) {
                return current;
            }
            if (read.sameBytes(stamp)) {
                stamp = read;
                settled = settled || !clock.instant().isBefore(written(read).plus(RACY));
                return current;
            }
            if (lastRefused != null && read.sameBytes(lastRefused)) {
                return current;
            }
            try {
                Pair p = load(read, current.generation() + 1);
                previous = current;
                current = p;
                stamp = read;
                settled = !clock.instant().isBefore(written(read).plus(RACY));
                lastRefused = null;
                LOG.info("TLS certificate reloaded subject={} notAfter={} file={}",
                        p.certificate().getSubjectX500Principal().getName(), p.certificate().getNotAfter().toInstant(),
                        certificateFile);
            } catch (SluiceException e) {
                lastRefused = read;
                LOG.warn("TLS certificate files changed but were not taken (the previous certificate stays): {}",
                        e.getMessage());
            }
            return current;
        }
    }

    /** When the pair was last written. */
    private static Instant written(Stamp s) {
        return s.certTime().isAfter(s.keyTime()) ? s.certTime() : s.keyTime();
    }

    private Stamp withBytes(Stamp s) {
        try {
            return new Stamp(s.certPath(), s.certSize(), s.certTime(), s.keyPath(), s.keySize(), s.keyTime(),
                    Files.readAllBytes(certificateFile), Files.readAllBytes(keyFile));
        } catch (IOException e) {
            // a file replaced between stat and read: the caller keeps the current pair and tries at the next handshake
            LOG.debug("TLS files changed while being read", e);
            return null;
        }
    }

    private Stamp stamp(boolean withBytes) {
        try {
            Path c = certificateFile.toRealPath();
            Path k = keyFile.toRealPath();
            Stamp s = new Stamp(c.toString(), Files.size(c), Files.getLastModifiedTime(c).toInstant(), k.toString(),
                    Files.size(k), Files.getLastModifiedTime(k).toInstant(), null, null);
            return withBytes ? new Stamp(s.certPath(), s.certSize(), s.certTime(), s.keyPath(), s.keySize(),
                    s.keyTime(), Files.readAllBytes(c), Files.readAllBytes(k)) : s;
        } catch (IOException e) {
            Path missing = Files.isReadable(certificateFile) ? keyFile : certificateFile;
            throw new SluiceException(ErrorKind.INVALID_INPUT, "TLS: cannot read " + missing + " ("
                    + (Files.exists(missing) ? "not readable by this user" : "no such file") + ")", e);
        }
    }

    private Pair load(Stamp s, long generation) {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(new String(s.certBytes(), StandardCharsets.US_ASCII));
        } catch (CertificateException | SluiceException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "TLS certificate " + certificateFile + " is not a "
                    + "readable PEM certificate chain", e);
        }
        if (chain.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "TLS certificate " + certificateFile + " holds no PEM "
                    + "certificate ('-----BEGIN CERTIFICATE-----')");
        }
        PrivateKey key = Pem.privateKey(new String(s.keyBytes(), StandardCharsets.US_ASCII), "TLS key " + keyFile);
        if (!matches(key, chain.get(0))) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "TLS key " + keyFile + " does not belong to the "
                    + "certificate in " + certificateFile + " (the first certificate must be the server's own)");
        }
        Instant notAfter = chain.get(0).getNotAfter().toInstant();
        if (notAfter.isBefore(clock.instant())) {
            LOG.warn("TLS certificate expired notAfter={} file={}: browsers will refuse it", notAfter, certificateFile);
        }
        return new Pair(generation, List.copyOf(chain), key);
    }

    /** Whether the key signs what the certificate's public key verifies (or, for RSA, shares its modulus). */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        if (key instanceof RSAPrivateCrtKey rsa && cert.getPublicKey() instanceof RSAPublicKey pub) {
            return rsa.getModulus().equals(pub.getModulus());
        }
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (alg == null) {
            return true; // nothing to check it with here; the handshake will fail loudly if it is wrong
        }
        try {
            byte[] probe = "sluice key check".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(alg);
            sign.initSign(key);
            sign.update(probe);
            byte[] sig = sign.sign();
            Signature verify = Signature.getInstance(alg);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            return verify.verify(sig);
        } catch (GeneralSecurityException e) {
            // the key cannot sign, or the certificate cannot verify, with it: they are not a pair
            LOG.debug("TLS key and certificate do not verify as a pair", e);
            return false;
        }
    }

    @Override
    public String toString() {
        return "ServerTls[" + certificateFile + ", " + keyFile + "]";
    }
}
