package dev.sluice.emulator.internal.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target of a batch operation, relative to the service root: the raw path (e.g.
 * {@code accounts(…)/name}) and the raw query (or null). Immutable.
 */
record PartUrl(String path, String rawQuery) {
    private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");
    /** Dataverse accepts v9.0, v9.1 and v9.2 (fact sheet §A.1). */
    private static final Pattern SERVICE_ROOT = Pattern.compile("^/api/data/v9\\.[012](/|$)");

    /**
     * Parses an absolute ({@code http://host/api/data/v9.2/accounts}), server-relative
     * ({@code /api/data/v9.2/accounts}) or service-root-relative ({@code accounts}) URL; one outside
     * the service root is a 400 naming the operation.
     */
    static PartUrl parse(String url, int operation) {
        String rest = url;
        Matcher absolute = ABSOLUTE.matcher(rest);
        if (absolute.lookingAt()) {
            rest = rest.substring(absolute.end());
            if (rest.isEmpty()) {
                rest = "/";
            }
        }
        if (rest.startsWith("/")) {
            Matcher root = SERVICE_ROOT.matcher(rest);
            if (!root.lookingAt()) {
                throw BatchErrors.badRequest("The URL of batch operation " + operation + " is not under the "
                        + "service root '/api/data/v9.2/'; use an absolute URL, a path starting with "
                        + "'/api/data/v9.2/', a path relative to the service root, or a '$n' Content-ID reference.");
            }
            rest = rest.substring(root.end());
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        return q < 0 ? new PartUrl(rest, null) : new PartUrl(rest.substring(0, q), rest.substring(q + 1));
    }
}
