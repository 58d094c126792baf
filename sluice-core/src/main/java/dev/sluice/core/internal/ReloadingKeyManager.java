package dev.sluice.core.internal;

import dev.sluice.core.ServerTls;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server side of {@link ServerTls}: at each handshake it has the files checked, and names the pair it chose by
 * an alias carrying the pair's generation, so the certificate and key of one handshake always belong together even
 * when a rotation lands between the two lookups. Thread-safe.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final String PREFIX = "sluice-";
    private final ServerTls tls;

    public ReloadingKeyManager(ServerTls tls) {
        this.tls = tls;
    }

    private String choose(String keyType) {
        ServerTls.Pair p = tls.refresh();
        return fits(p.key().getAlgorithm(), keyType) ? PREFIX + p.generation() : null;
    }

    /** Whether a key of this algorithm serves the key type JSSE asks for ("RSA", "RSASSA-PSS", "EC", "EdDSA"…). */
    static boolean fits(String algorithm, String keyType) {
        if (keyType == null) {
            return false;
        }
        return switch (algorithm) {
            case "RSA" -> keyType.equals("RSA") || keyType.equals("RSASSA-PSS");
            case "EC" -> keyType.startsWith("EC");
            case "Ed25519", "Ed448", "EdDSA" -> keyType.equals("EdDSA") || keyType.equals(algorithm);
            default -> keyType.equalsIgnoreCase(algorithm);
        };
    }

    private ServerTls.Pair pair(String alias) {
        if (alias == null || !alias.startsWith(PREFIX)) {
            return null;
        }
        try {
            return tls.generation(Long.parseLong(alias.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            // not an alias this manager handed out: no key for it
            return null;
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String a = choose(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerTls.Pair p = pair(alias);
        return p == null ? null : p.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerTls.Pair p = pair(alias);
        return p == null ? null : p.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
