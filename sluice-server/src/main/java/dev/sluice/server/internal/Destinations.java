package dev.sluice.server.internal;

import dev.sluice.core.OutboundPolicy;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.ConnectionSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The places a connection's settings send requests or people to: the org's Web API, and the identity provider (an
 * explicit token and authorize endpoint, an OIDC discovery URL, or the authority). Checked against the outbound
 * allowlist when a connection is created or edited, so nobody stores a connection that points elsewhere; each
 * request is checked again when it is sent. Stateless and thread-safe.
 */
public final class Destinations {
    private Destinations() {}

    /** Every URL the settings lead to. */
    public static List<URI> of(ConnectionSettings settings) {
        List<URI> out = new ArrayList<>();
        out.add(settings.orgUrl().webApi(settings.apiVersion()));
        AuthSettings a = settings.auth();
        if (a.tokenEndpoint() != null) {
            out.add(a.tokenEndpoint());
            if (a.authorizeEndpoint() != null) {
                out.add(a.authorizeEndpoint());
            }
        } else if (a.discoveryUrl() != null) {
            out.add(a.discoveryUrl());
        } else {
            out.add(URI.create(settings.authority() + "/"));
        }
        return out;
    }

    /** Refuses settings that lead to a host not on the allowlist (403 naming the host and who can allow it). */
    public static void check(ConnectionSettings settings, OutboundPolicy policy, Caller caller) {
        for (URI u : of(settings)) {
            policy.refusal(u).ifPresent(why -> {
                throw ApiProblem.forbidden("connection '" + settings.name() + "' would send requests to "
                        + OutboundPolicy.origin(u) + ", but " + why + (caller.isAdmin()
                        ? "; add it under Outbound hosts (/outbound) first"
                        : "; ask an admin to allow it"));
            });
        }
    }
}
