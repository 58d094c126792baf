package dev.sluice.server.internal;

import dev.sluice.core.SluiceException;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a web UI page for a signed-in browser user: no session sends them to the sign-in page, a change without the
 * session's CSRF token is refused, a one-time password must be changed first, and a refusal or bad input becomes an
 * error page with the API's status (403, 400, 404…) and message. Thread-safe.
 */
public final class PageGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PageGuard.class);
    private final Services s;
    private final Pages pages;

    public PageGuard(Services services, Pages pages) {
        this.s = services;
        this.pages = pages;
    }

    /** A page's work, given the signed-in caller. */
    public interface Body {
        void run(Caller caller) throws Exception;
    }

    /** Runs {@code body} for a signed-in browser user. */
    public void run(Context ctx, Body body) throws Exception {
        Caller caller = s.authenticator().identify(ctx).filter(Caller::viaCookie).orElse(null);
        if (caller == null) {
            ctx.redirect("/signin");
            return;
        }
        ctx.attribute(Caller.ATTRIBUTE, caller);
        try {
            s.authenticator().checkCsrf(ctx, caller);
            if (caller.user().mustChangePassword() && !ctx.path().equals("/password")) {
                ctx.redirect("/password");
                return;
            }
            body.run(caller);
        } catch (ApiProblem p) {
            error(ctx, caller, p);
        } catch (SluiceException e) {
            ApiProblem p = Problems.of(e);
            if (p.status() >= 500) {
                LOG.warn("page failed path={} kind={} message={}", ctx.path(), e.kind(), e.getMessage());
            }
            error(ctx, caller, p);
        }
    }

    /** Renders {@code template} with the caller and these parameters. */
    public void render(Context ctx, Caller caller, String template, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("caller", caller);
        pages.render(ctx, 200, template, all);
    }

    /** Renders a fragment (no layout) for htmx with these parameters. */
    public void renderFragment(Context ctx, String template, Map<String, Object> params) {
        pages.render(ctx, 200, template, params);
    }

    private void error(Context ctx, Caller caller, ApiProblem p) {
        pages.render(ctx, p.status(), "error.jte", Map.of("caller", caller, "status", p.status(),
                "title", p.title(), "message", p.getMessage()));
    }
}
