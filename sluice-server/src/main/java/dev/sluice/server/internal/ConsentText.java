package dev.sluice.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Requested OAuth scopes in plain words, for the page shown before someone leaves Sluice to consent. Stateless and
 * thread-safe.
 */
public final class ConsentText {
    private ConsentText() {}

    /** One sentence per permission, in the order asked; unknown scopes are named as they are. */
    public static List<String> describe(List<String> scopes, String orgUrl) {
        Set<String> out = new LinkedHashSet<>();
        for (String scope : scopes) {
            String s = scope.toLowerCase(Locale.ROOT);
            if (s.endsWith("/user_impersonation")) {
                out.add("Read and write your Dynamics data as you, with your security roles, at "
                        + scope.substring(0, scope.length() - "/user_impersonation".length()));
            } else if (s.endsWith("/.default")) {
                out.add("Use every permission the app has been granted for "
                        + scope.substring(0, scope.length() - "/.default".length()));
            } else if (s.equals("offline_access")) {
                out.add("Keep access when you are not signed in (a refresh token, so Sluice keeps working for "
                        + "everyone who uses this connection)");
            } else if (s.equals("openid") || s.equals("profile")) {
                out.add("Sign you in and read your profile (your name and user name)");
            } else if (s.equals("email")) {
                out.add("Read your email address");
            } else {
                out.add("The permission '" + scope + "'");
            }
        }
        return new ArrayList<>(out);
    }
}
