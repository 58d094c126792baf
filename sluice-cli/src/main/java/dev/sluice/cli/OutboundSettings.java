package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.HttpProxy;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.ProxySettings;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TrustBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The way out of this process, from the configuration and the environment: the proxy ({@code outbound.proxy}, else
 * curl's {@code HTTPS_PROXY}/{@code http_proxy}/{@code ALL_PROXY}; {@code outbound.no-proxy}, else
 * {@code NO_PROXY}; {@code outbound.proxy-user}/{@code -password} for Basic credentials) and the extra CAs
 * ({@code outbound.ca}). Stateless.
 */
final class OutboundSettings {
    private OutboundSettings() {}

    /** An outbound client under {@code policy} with the configured proxy and CAs. */
    static OutboundHttp build(SluiceConfig config, Map<String, String> env, Supplier<OutboundPolicy> policy) {
        return OutboundHttp.builder().policy(policy).proxy(proxy(config, env)).trust(trust(config)).build();
    }

    /** The proxy settings; null when neither the configuration nor the environment names a proxy. */
    static ProxySettings proxy(SluiceConfig config, Map<String, String> env) {
        ProxySettings fromEnv;
        try {
            fromEnv = ProxySettings.fromEnvironment(env);
        } catch (SluiceException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "configuration: " + e.getMessage(), e);
        }
        List<String> noProxy = config.has("outbound.no-proxy") ? config.get("outbound.no-proxy") : fromEnv.noProxy();
        Object configured = config.get("outbound.proxy");
        if (configured instanceof ProxySettings) {
            return ProxySettings.NONE; // "direct": no proxy, whatever the environment says
        }
        if (configured instanceof HttpProxy p) {
            return ProxySettings.of(credentials(p, config), noProxy);
        }
        if (fromEnv.isDirect()) {
            return null;
        }
        return new ProxySettings(credentials(fromEnv.https(), config), credentials(fromEnv.http(), config), noProxy);
    }

    private static HttpProxy credentials(HttpProxy p, SluiceConfig config) {
        if (p == null || !config.has("outbound.proxy-user")) {
            return p;
        }
        Secret password = config.secret("outbound.proxy-password");
        return p.withCredentials(config.get("outbound.proxy-user"), password);
    }

    /** The extra CAs of {@code outbound.ca}, or null. */
    static TrustBundle trust(SluiceConfig config) {
        Path ca = config.get("outbound.ca");
        if (ca == null) {
            return null;
        }
        try {
            return TrustBundle.load(ca, config.secret("outbound.ca-password"));
        } catch (SluiceException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "configuration: outbound.ca (" + config.source(
                    "outbound.ca") + "): " + e.getMessage(), e);
        }
    }

    /** One line per destination kind, for {@code sluice config check}: where requests go out. */
    static List<String> describe(ProxySettings p, TrustBundle trust) {
        String https = p == null || p.https() == null ? "direct" : "through " + p.https();
        String http = p == null || p.http() == null ? "direct" : "through " + p.http();
        String no = p == null || p.noProxy().isEmpty() ? "" : " (direct for " + String.join(",", p.noProxy()) + ")";
        return List.of("https requests: " + https + no, "http requests (loopback only): " + http + no,
                "trusted CAs: Java's" + (trust == null ? "" : " and " + trust.certificates().size() + " from "
                        + trust.source()));
    }
}
