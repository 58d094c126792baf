package dev.sluice.emulator.internal.identity;

import static dev.sluice.emulator.internal.identity.Html.escape;
import static dev.sluice.emulator.internal.identity.Html.hidden;

import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pages a user sees: sign-in, account picker, consent, device code entry and results, sign-out,
 * errors, and the auto-submitting {@code form_post} response. Everything that came from a request is
 * escaped. Stateless.
 */
final class Pages {
    /** Plain words for each permission, as the real consent page words them. */
    private static final Map<String, String> WORDS = Map.of(
            Scopes.USER_IMPERSONATION, "Access Dynamics 365 as you",
            "offline_access", "Maintain access to data you have given it access to",
            "openid", "Sign you in and read your profile",
            "profile", "View your basic profile",
            "email", "View your email address");
    private static final List<String> ORDER =
            List.of(Scopes.USER_IMPERSONATION, "openid", "profile", "email", "offline_access");

    private Pages() {}

    static ApiResponse signIn(UUID tenant, String flow, String canary, String appName, String loginHint,
            String error, String formTarget) {
        String body = "<h1>Sign in</h1><p>to continue to <b>" + escape(appName) + "</b></p>"
                + (error == null ? "" : "<div class=\"error\" role=\"alert\" id=\"usernameError\">" + escape(error)
                        + "</div>")
                + "<form method=\"post\" action=\"/" + tenant + "/login\">" + hidden("flowToken", flow)
                + hidden("canary", canary)
                + "<label for=\"loginfmt\">Email, phone, or Skype</label>"
                + "<input type=\"email\" id=\"loginfmt\" name=\"loginfmt\" autocomplete=\"username\" required value=\""
                + escape(loginHint) + "\">"
                + "<label for=\"passwd\">Password</label>"
                + "<input type=\"password\" id=\"passwd\" name=\"passwd\" autocomplete=\"current-password\" required>"
                + "<div class=\"actions\"><button class=\"primary\" type=\"submit\" id=\"idSIButton9\">Sign in</button>"
                + "</div></form>";
        return Html.page(200, "Sign in to your account", body, formTarget);
    }

    static ApiResponse pickAccount(UUID tenant, String flow, String canary, String appName, DirectoryUser user,
            String formTarget) {
        String form = "<form method=\"post\" action=\"/" + tenant + "/login\">" + hidden("flowToken", flow)
                + hidden("canary", canary);
        String body = "<h1>Pick an account</h1><p>to continue to <b>" + escape(appName) + "</b></p>" + form
                + hidden("select", "session") + "<button class=\"account\" type=\"submit\" id=\"pickSession\"><b>"
                + escape(user.displayName()) + "</b><br><span class=\"muted\">" + escape(user.upn())
                + " · Signed in</span></button></form>" + form + hidden("select", "other")
                + "<button class=\"account\" type=\"submit\" id=\"otherTile\">Use another account</button></form>";
        return Html.page(200, "Pick an account", body, formTarget);
    }

    static ApiResponse consent(UUID tenant, String flow, String canary, String appName, DirectoryUser user,
            Set<String> items, String formTarget) {
        StringBuilder list = new StringBuilder("<ul class=\"perms\">");
        for (String item : ORDER) {
            if (items.contains(item)) {
                list.append("<li>").append(escape(WORDS.get(item))).append("</li>");
            }
        }
        list.append("</ul>");
        String body = "<p class=\"muted\">" + escape(user.upn()) + "</p><h1>Permissions requested</h1>"
                + "<p><b>" + escape(appName) + "</b><br><span class=\"muted\">unverified</span></p>"
                + "<p>This app would like to:</p>" + list
                + "<p class=\"muted\">Accepting these permissions means that you allow this app to use your data as"
                + " specified in their terms of service and privacy statement. You can change these permissions at"
                + " any time.</p>"
                + "<form method=\"post\" action=\"/" + tenant + "/Consent/Set\">" + hidden("flowToken", flow)
                + hidden("canary", canary) + "<div class=\"actions\">"
                + "<button class=\"secondary\" type=\"submit\" name=\"decision\" value=\"cancel\" id=\"idBtn_Back\">"
                + "Cancel</button>"
                + "<button class=\"primary\" type=\"submit\" name=\"decision\" value=\"accept\" id=\"idBtn_Accept\">"
                + "Accept</button></div></form>";
        return Html.page(200, "Permissions requested", body, formTarget);
    }

    /** The page shown instead of redirecting when the redirect URI cannot be trusted (or the app is unknown). */
    static ApiResponse error(int status, AadError e, String correlation, String timestamp) {
        String body = "<h1>Sorry, but we’re having trouble signing you in.</h1>"
                + "<p id=\"errorMessage\">" + escape(e.aadstsMessage()) + "</p>"
                + "<p class=\"muted\">Troubleshooting details<br>Error code: " + e.code() + "<br>Correlation Id: "
                + escape(correlation) + "<br>Timestamp: " + escape(timestamp) + "</p>";
        return Html.page(status, "Sign in to your account", body, null);
    }

    /** {@code response_mode=form_post}: a form that posts the response to the redirect URI by itself. */
    static ApiResponse formPost(String redirectUri, Map<String, String> params, String origin) {
        StringBuilder fields = new StringBuilder();
        params.forEach((k, v) -> fields.append(hidden(k, v)));
        String body = "<h1>Working…</h1><form method=\"post\" id=\"response\" action=\"" + escape(redirectUri) + "\">"
                + fields + "<noscript><p>Script is disabled. Click Submit to continue.</p>"
                + "<button class=\"primary\" type=\"submit\">Submit</button></noscript></form>";
        return Html.render(200, "Working...", body, origin, "document.getElementById('response').submit();");
    }

    static ApiResponse deviceCodeEntry(String canary, String error) {
        String body = "<h1>Enter code</h1><p>Enter the code displayed on your app or device.</p>"
                + (error == null ? "" : "<div class=\"error\" role=\"alert\">" + escape(error) + "</div>")
                + "<form method=\"post\" action=\"/devicelogin\">" + hidden("canary", canary)
                + "<label for=\"otc\">Code</label><input type=\"text\" id=\"otc\" name=\"otc\" autocomplete=\"off\""
                + " required>"
                + "<div class=\"actions\"><button class=\"primary\" type=\"submit\" id=\"idSIButton9\">Next</button>"
                + "</div></form>";
        return Html.page(200, "Enter code", body, null);
    }

    static ApiResponse deviceDone(String appName, boolean approved) {
        String body = "<h1>" + escape(appName) + "</h1><p>" + (approved
                ? "You have signed in to the " + escape(appName) + " application on your device. "
                : "You have declined to sign in to " + escape(appName) + " on your device. ")
                + "You may now close this window.</p>";
        return Html.page(200, appName, body, null);
    }

    static ApiResponse signedOut() {
        return Html.page(200, "Sign out", "<h1>You signed out of your account</h1>"
                + "<p>It’s a good idea to close all browser windows.</p>", null);
    }
}
