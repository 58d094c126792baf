package dev.sluice.core.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.HttpProxy;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What an outbound failure means, said plainly: an untrusted, expired or misnamed TLS certificate and a proxy that
 * refuses (403 to the tunnel, 407 to the credentials) become {@link SluiceException}s that are not retried; a proxy
 * that cannot be reached stays an {@link IOException} (transient), now naming the proxy. Messages name destinations
 * as scheme://host:port and never a password. Stateless.
 */
public final class OutboundFailures {
    /** The JDK's message when a proxy answers a CONNECT with anything but 2xx (and not 407). */
    private static final Pattern TUNNEL = Pattern.compile("Tunnel failed, got: (\\d{3})");
    /** Where extra CAs are configured, for messages. */
    public static final String CA_SETTING = "outbound.ca in sluice.yaml or SLUICE_OUTBOUND_CA";

    private OutboundFailures() {}

    /** The exception to throw for a failure to send to {@code uri} (throws SluiceException for refusals). */
    public static IOException translate(URI uri, IOException e, Optional<HttpProxy> proxy, String trustSource) {
        String where = OutboundPolicy.origin(uri);
        if (hasCause(e, SSLException.class)) {
            tls(where, e, trustSource);
        }
        if (proxy.isPresent()) {
            HttpProxy p = proxy.get();
            String message = String.valueOf(e.getMessage());
            Matcher tunnel = TUNNEL.matcher(message);
            if (tunnel.find()) {
                int status = Integer.parseInt(tunnel.group(1));
                if (status == 403) {
                    throw new SluiceException(ErrorKind.FORBIDDEN, "the proxy " + p.address() + " refused to open a "
                            + "tunnel to " + where + " (HTTP 403); ask the proxy's admin to allow that destination");
                }
                return new IOException("the proxy " + p.address() + " could not open a tunnel to " + where + " (HTTP "
                        + status + ")", e);
            }
            if (e instanceof ConnectException || hasCause(e, java.nio.channels.UnresolvedAddressException.class)) {
                ConnectException c = new ConnectException("cannot connect to the proxy " + p.address() + " (for "
                        + where + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                c.initCause(e);
                return c;
            }
        }
        return e;
    }

    /** Refuses a proxy's 407 (the JDK hands it back when it could not answer the challenge). */
    public static void checkProxyAnswer(URI uri, int status, HttpHeaders headers, Optional<HttpProxy> proxy) {
        if (status != 407) {
            return;
        }
        String schemes = String.join(", ", headers.allValues("Proxy-Authenticate").stream()
                .map(v -> v.strip().split("\\s+")[0]).distinct().toList());
        String who = proxy.map(p -> "the proxy " + p.address()).orElse("an HTTP proxy");
        String what;
        if (proxy.isPresent() && proxy.get().hasCredentials()) {
            // the credentials went with the request: the proxy refused them, or (for an https tunnel) a JVM started
            // with Basic in jdk.http.auth.tunneling.disabledSchemes kept them from the CONNECT
            what = schemes.isEmpty() || schemes.toLowerCase(java.util.Locale.ROOT).contains("basic")
                    ? "refused the credentials of proxy user '" + proxy.get().user() + "'; check the proxy user and "
                            + "password" + ("https".equalsIgnoreCase(uri.getScheme()) && !basicTunnelsAllowed()
                                    ? " (this Java is started with Basic in jdk.http.auth.tunneling.disabledSchemes, "
                                            + "which keeps them from CONNECT tunnels; bin/sluice allows them)" : "")
                    : "asks for " + schemes + " credentials; Sluice sends Basic proxy credentials only";
        } else {
            what = "wants credentials (" + (schemes.isEmpty() ? "no scheme named" : schemes) + "); give a proxy user "
                    + "and password (outbound.proxy-user and outbound.proxy-password, or the connection's proxy)";
        }
        throw new SluiceException(ErrorKind.AUTH, who + " " + what + " (HTTP 407 for " + OutboundPolicy.origin(uri)
                + ")");
    }

    private static boolean basicTunnelsAllowed() {
        String disabled = System.getProperty("jdk.http.auth.tunneling.disabledSchemes");
        return disabled != null && !disabled.toLowerCase(java.util.Locale.ROOT).contains("basic");
    }

    private static void tls(String where, IOException e, String trustSource) {
        if (hasCause(e, CertificateExpiredException.class)) {
            throw new SluiceException(ErrorKind.FORBIDDEN, "TLS: the certificate of " + where + " has expired; the "
                    + "server must renew it");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (CombinedTrustManager.isNameMismatch(t)) {
                throw new SluiceException(ErrorKind.FORBIDDEN, "TLS: the certificate of " + where + " is not for that "
                        + "host name (" + t.getMessage() + "); use the name the certificate was issued for");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("is trusted neither by Java's CA certificates")) {
                throw new SluiceException(ErrorKind.FORBIDDEN, "TLS: " + where + " refused: "
                        + m.substring(m.indexOf("the certificate of")) + "; add the CA that issued it to the bundle ("
                        + CA_SETTING + ")");
            }
        }
        if (hasCause(e, CertPathBuilderException.class) || hasCause(e, CertPathValidatorException.class)
                || String.valueOf(e.getMessage()).contains("PKIX path")) {
            throw new SluiceException(ErrorKind.FORBIDDEN, "TLS: the certificate of " + where + " is not signed by a "
                    + "CA this Java trusts" + (trustSource == null ? "" : " nor by the extra CAs in " + trustSource)
                    + "; if your network inspects TLS with its own CA (a corporate proxy does), trust that CA: "
                    + CA_SETTING);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
