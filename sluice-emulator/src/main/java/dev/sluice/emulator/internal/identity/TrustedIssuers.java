package dev.sluice.emulator.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Other OAuth2 / OpenID Connect servers whose tokens the Dataverse side also accepts, each named by its
 * discovery URL. The discovery document and JWKS are fetched over HTTP when first needed and the JWKS
 * again when a token names an unknown key (at most once a minute). Thread-safe.
 */
final class TrustedIssuers {
    private static final Logger LOG = LoggerFactory.getLogger(TrustedIssuers.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REFETCH = Duration.ofMinutes(1);

    /** One trusted issuer, once its discovery document has been read. */
    private record Loaded(String issuer, URI jwksUri, JWKSet keys, Instant fetched) {}

    private final List<URI> discoveryUrls = new CopyOnWriteArrayList<>();
    private final Map<URI, Loaded> loaded = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    void trust(URI discoveryUrl) {
        if (!discoveryUrls.contains(discoveryUrl)) {
            discoveryUrls.add(discoveryUrl);
        }
    }

    boolean any() {
        return !discoveryUrls.isEmpty();
    }

    /** The key with this id of the trusted issuer {@code iss}, or null when none matches. */
    JWK key(String iss, String kid) {
        for (URI url : discoveryUrls) {
            Loaded l = load(url, false);
            if (l == null || !l.issuer().equals(iss)) {
                continue;
            }
            JWK k = find(l.keys(), kid);
            if (k == null && l.fetched().plus(REFETCH).isBefore(Instant.now())) {
                l = load(url, true);
                k = l == null ? null : find(l.keys(), kid);
            }
            return k;
        }
        return null;
    }

    private static JWK find(JWKSet set, String kid) {
        if (kid == null) {
            return set.getKeys().size() == 1 ? set.getKeys().get(0) : null;
        }
        return set.getKeyByKeyId(kid);
    }

    private Loaded load(URI url, boolean refresh) {
        Loaded l = loaded.get(url);
        if (l != null && !refresh) {
            return l;
        }
        try {
            JsonNode doc = Json.MAPPER.readTree(get(url));
            String issuer = doc.path("issuer").asText(null);
            String jwks = doc.path("jwks_uri").asText(null);
            if (issuer == null || jwks == null) {
                LOG.warn("trusted issuer discovery document lacks issuer or jwks_uri host={} path={}", url.getHost(), url.getPath());
                return null;
            }
            URI jwksUri = URI.create(jwks);
            Loaded fresh = new Loaded(issuer, jwksUri, JWKSet.parse(get(jwksUri)), Instant.now());
            loaded.put(url, fresh);
            return fresh;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            LOG.warn("cannot load trusted issuer host={} path={} error={}", url.getHost(), url.getPath(), e.getClass().getSimpleName());
            return l;
        } catch (InterruptedException e) {
            // stopping: keep the interrupt and the issuers loaded so far
            Thread.currentThread().interrupt();
            return l;
        }
    }

    private String get(URI url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + url);
        }
        return r.body();
    }
}
