package dev.sluice.server.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the precompiled jte templates of the web UI ({@code src/main/jte}, compiled at build time) with a strict
 * Content-Security-Policy. Thread-safe.
 */
public final class Pages {
    /** Scripts and styles only from this server (htmx comes from the webjar). */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} with these parameters. */
    public void render(Context ctx, int status, String template, Map<String, Object> params) {
        render(ctx, status, template, params, null);
    }

    /**
     * Renders {@code template}; {@code formTarget} (an origin such as {@code https://login.example.com}, or null) may
     * also receive this page's forms: CSP {@code form-action} also governs where a form's answer redirects, and the
     * Authorize form's answer redirects to the identity provider.
     */
    public void render(Context ctx, int status, String template, Map<String, Object> params, String formTarget) {
        String csp = formTarget == null ? CSP : CSP.replace("form-action 'self'", "form-action 'self' " + formTarget);
        StringOutput out = new StringOutput();
        engine.render(template, new HashMap<>(params), out);
        ctx.status(status).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", csp)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .result(out.toString());
    }
}
