package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.core.SluiceException;
import dev.sluice.store.AuditAction;
import dev.sluice.store.TokenStatus;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /oauth2/callback}: where the identity provider sends the browser back. Completes the sign-in begun
 * by the signed-in user ({@code state} single-use, 10 minutes, bound to that user, PKCE); a tampered, replayed,
 * expired or foreign callback gets a clear error page and stores nothing. It never redirects anywhere. Thread-safe.
 */
public final class CallbackHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);
    private final Services s;
    private final Pages pages;

    public CallbackHandler(Services services, Pages pages) {
        this.s = services;
        this.pages = pages;
    }

    /** The callback routes (the emulator's demo app registers {@code /oauth/callback}, so that path works too). */
    public List<ApiRoute> routes() {
        List<ApiRoute> out = new ArrayList<>();
        for (String path : List.of(Services.CALLBACK_PATH, Services.LEGACY_CALLBACK_PATH)) {
            out.add(new ApiRoute(GET, path, "public", "OAuth2 callback", this::handle));
            out.add(new ApiRoute(POST, path, "public", "OAuth2 callback (form_post)", this::handle));
        }
        return out;
    }

    private void handle(Context ctx) {
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.get(0)));
        if (ctx.method() == POST) {
            ctx.formParamMap().forEach((k, v) -> params.put(k, v.get(0)));
        }
        Caller caller = s.authenticator().identify(ctx).filter(Caller::viaCookie).orElse(null);
        if (caller == null) {
            fail(ctx, 401, "You are not signed in to Sluice in this browser. Sign in and start the authorization "
                    + "again from the connection's page.");
            return;
        }
        ctx.attribute(Caller.ATTRIBUTE, caller);
        if (params.containsKey("error")) {
            String error = params.get("error").replaceAll("[^A-Za-z0-9_]", "");
            s.store().audit().append(caller.name(), AuditAction.AUTHORIZATION_FAILED, null, null,
                    "the identity provider answered " + error);
            fail(ctx, 400, "The identity provider did not authorize Sluice (" + error + "). Nothing was stored.");
            return;
        }
        try {
            TokenStatus status = s.authorizer().complete(params, caller.name());
            s.store().connections().get(status.connectionId()).ifPresent(s.clients()::forget);
            String name = s.store().connections().get(status.connectionId()).map(c -> c.name()).orElse("");
            pages.render(ctx, 200, "authorized.jte", Map.of("caller", caller, "connection", name,
                    "account", status.account() == null ? "" : status.account(), "status", status));
        } catch (SluiceException e) {
            LOG.info("authorization callback refused kind={} message={}", e.kind(), e.getMessage());
            fail(ctx, 400, "This sign-in response is not valid: it was changed, already used, expired, or started by "
                    + "someone else. Nothing was stored. Start the authorization again from the connection's page.");
        }
    }

    private void fail(Context ctx, int status, String message) {
        pages.render(ctx, status, "callback-error.jte", Map.of("message", message));
    }

}
