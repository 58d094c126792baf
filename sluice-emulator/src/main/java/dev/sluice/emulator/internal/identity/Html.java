package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import org.owasp.encoder.Encode;

/**
 * HTML pages of the sign-in experience: escaping, the shared frame and style, and the security
 * headers every page carries (a nonce-based {@code Content-Security-Policy}, {@code X-Frame-Options:
 * DENY}). Stateless.
 */
final class Html {
    private static final String STYLE = """
            body{margin:0;font-family:"Segoe UI",system-ui,-apple-system,Helvetica,Arial,sans-serif;\
            background:#f2f2f2;color:#1b1b1b}
            .card{box-sizing:border-box;width:440px;max-width:94vw;margin:8vh auto 0;background:#fff;\
            padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
            .brand{display:flex;align-items:center;gap:8px;font-size:15px;color:#5e5e5e;margin-bottom:16px}
            .logo{display:inline-grid;place-items:center;width:22px;height:22px;border-radius:4px;\
            background:#0f6cbd;color:#fff;font-weight:700;font-size:14px}
            h1{font-size:24px;font-weight:600;margin:0 0 12px}
            p{font-size:15px;line-height:20px}
            .muted{color:#5e5e5e;font-size:13px}
            label{display:block;font-size:13px;color:#5e5e5e;margin-top:12px}
            input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;\
            border:0;border-bottom:1px solid #666;font-size:15px;padding:6px 0;outline:none}
            input:focus{border-bottom-color:#0067b8}
            .actions{display:flex;justify-content:flex-end;gap:8px;margin-top:28px}
            button{min-width:108px;padding:6px 12px;font-size:15px;border:1px solid #0067b8;cursor:pointer}
            button.primary{background:#0067b8;color:#fff}
            button.secondary{background:#ccc;border-color:#ccc;color:#1b1b1b}
            ul.perms{padding-left:20px}ul.perms li{margin:8px 0;font-size:15px}
            .error{color:#e81123;font-size:15px;margin:8px 0}
            .account{display:block;width:100%;text-align:left;background:#fff;border:1px solid #ddd;\
            padding:12px;margin:8px 0}
            footer{width:440px;max-width:94vw;margin:12px auto;font-size:12px;color:#5e5e5e}
            """;

    private Html() {}

    /** The text encoded by OWASP's encoder for HTML text and quoted attributes; null as empty. */
    static String escape(String s) {
        return s == null ? "" : Encode.forHtml(s);
    }

    /**
     * A page in the shared frame. {@code formTarget} is an origin forms may post or redirect to besides
     * this server (the app's redirect URI), or null.
     */
    static ApiResponse page(int status, String title, String body, String formTarget) {
        return render(status, title, body, formTarget, null);
    }

    /** A page whose body needs the script nonce (the auto-submitting form_post response). */
    static ApiResponse render(int status, String title, String body, String formTarget, String script) {
        String nonce = Randoms.token(18);
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + escape(title) + "</title><style nonce=\"" + nonce + "\">" + STYLE + "</style></head><body>"
                + "<div class=\"card\"><div class=\"brand\"><span class=\"logo\">S</span>"
                + "Sluice emulator <span class=\"muted\">· identity platform</span></div>"
                + body + "</div><footer>Local emulator for development and tests. Not a Microsoft service.</footer>"
                + (script == null ? "" : "<script nonce=\"" + nonce + "\">" + script + "</script>")
                + "</body></html>";
        ApiResponse r = ApiResponse.text(status, "text/html; charset=utf-8", html);
        r.header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; script-src 'nonce-"
                + nonce + "'; img-src 'self' data:; form-action 'self'" + (formTarget == null ? "" : " " + formTarget)
                + "; frame-ancestors 'none'; base-uri 'none'");
        r.header("X-Frame-Options", "DENY");
        r.header("X-Content-Type-Options", "nosniff");
        r.header("Referrer-Policy", "no-referrer");
        r.header("Cache-Control", "no-store, no-cache");
        r.header("Pragma", "no-cache");
        return r;
    }

    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
    }

    /** A cookie value from the request, or null. */
    static String cookie(ApiRequest request, String name) {
        for (String header : request.headers().all("Cookie")) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** A session cookie scoped to this server, unreadable by scripts. */
    static String setCookie(String name, String value) {
        return name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
    }

    static String clearCookie(String name) {
        return name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
    }
}
