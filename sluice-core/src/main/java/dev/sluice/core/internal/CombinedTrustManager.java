package dev.sluice.core.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server when the JDK's CA certificates do, or else when the extra CA certificates do; host name checks
 * stay the JDK's (the extended checks get the socket or engine and its endpoint identification). When neither
 * trusts a chain, the exception names its subject and issuer and where extra CAs come from. Client side only.
 * Thread-safe.
 */
public final class CombinedTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager jdk;
    private final X509ExtendedTrustManager extra;
    private final String extraSource;

    /** @param extraSource where the extra CAs came from, for messages (a file or directory) */
    public CombinedTrustManager(List<X509Certificate> extraCas, String extraSource) throws GeneralSecurityException {
        this.jdk = pkix(null);
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate c : extraCas) {
            ks.setCertificateEntry("extra-" + i++, c);
        }
        this.extra = pkix(ks);
        this.extraSource = extraSource;
    }

    private static X509ExtendedTrustManager pkix(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in this Java");
    }

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void either(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run(jdk);
        } catch (CertificateException first) {
            try {
                check.run(extra);
            } catch (CertificateException second) {
                if (isNameMismatch(second)) {
                    throw second;
                }
                throw new CertificateException(untrusted(chain), second);
            }
        }
    }

    /** The JDK's host name check failed (its messages say "No subject alternative ... matching ..." / "No name matching"). */
    public static boolean isNameMismatch(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("matching") && (m.startsWith("no subject alternative") || m.startsWith("no name matching"));
    }

    private String untrusted(X509Certificate[] chain) {
        X509Certificate top = chain == null || chain.length == 0 ? null : chain[chain.length - 1];
        String who = chain == null || chain.length == 0 ? "the server's certificate"
                : "the certificate of " + chain[0].getSubjectX500Principal().getName() + " (issued by "
                        + top.getIssuerX500Principal().getName() + ")";
        return who + " is trusted neither by Java's CA certificates nor by the extra CAs in " + extraSource;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        either(chain, tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        either(chain, tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        either(chain, tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>(Arrays.asList(jdk.getAcceptedIssuers()));
        all.addAll(Arrays.asList(extra.getAcceptedIssuers()));
        return all.toArray(X509Certificate[]::new);
    }
}
