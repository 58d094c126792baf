package dev.sluice.emulator.internal.odata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The text of Dataverse-shaped paging cookies, shared by the {@code $skiptoken} of a nextLink and FetchXML's
 * {@code fetchxmlpagingcookie}: values in attributes, ids in braces, the inner cookie percent-encoded with lower-case
 * hex as Dataverse does. Stateless.
 */
public final class CookieText {
    private CookieText() {}

    /** A sort value as a cookie holds it; full precision, so a date cut to the second cannot repeat rows. */
    public static String value(Object v) {
        return v instanceof Instant t ? t.toString() : v.toString();
    }

    /** A row id as cookies hold it: upper case in braces. */
    public static String braced(UUID id) {
        return "{" + id.toString().toUpperCase(Locale.ROOT) + "}";
    }

    /** {@code s} escaped for a double-quoted XML attribute. */
    public static String xml(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The reverse of {@link #xml}. */
    public static String unxml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** Percent-encoding with lower-case hex, as in Dataverse's paging cookies. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return sb.toString();
    }
}
