package dev.sluice.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a server page's form as a browser would submit them (inputs with their values, ticked boxes and
 * radios, each select's chosen option or its first), so a test can change some and post the form again. Only for the
 * server's own templates: attributes in double quotes, boolean attributes bare.
 */
final class FormDriver {
    private static final Pattern TAG = Pattern.compile("<(input|select|/select|option|textarea)\\b([^>]*)>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z_:.-]+)(?:=\"([^\"]*)\"|='([^']*)')?");

    final Map<String, List<String>> fields = new LinkedHashMap<>();

    /** The fields of the form with this id in {@code html}. */
    static FormDriver of(String html, String formId) {
        int start = html.indexOf("<form id=\"" + formId + "\"");
        if (start < 0) {
            throw new AssertionError("no form #" + formId + " in the page:\n" + html);
        }
        int end = html.indexOf("</form>", start);
        FormDriver f = new FormDriver();
        f.read(html.substring(start, end < 0 ? html.length() : end));
        return f;
    }

    private void read(String html) {
        Matcher m = TAG.matcher(html);
        String select = null;
        String first = null;
        boolean chosen = false;
        while (m.find()) {
            String tag = m.group(1).toLowerCase();
            Map<String, String> a = attributes(m.group(2));
            switch (tag) {
                case "input" -> {
                    String type = a.getOrDefault("type", "text");
                    if (type.equals("submit") || type.equals("button") || !a.containsKey("name")
                            || a.containsKey("disabled")) {
                        continue;
                    }
                    if ((type.equals("checkbox") || type.equals("radio")) && !a.containsKey("checked")) {
                        continue;
                    }
                    String v = a.getOrDefault("value", type.equals("checkbox") || type.equals("radio") ? "on" : "");
                    fields.computeIfAbsent(a.get("name"), k -> new ArrayList<>()).add(v);
                }
                case "select" -> {
                    select = a.get("name");
                    first = null;
                    chosen = false;
                }
                case "option" -> {
                    if (select == null) {
                        continue;
                    }
                    String v = a.getOrDefault("value", "");
                    if (first == null && !a.containsKey("disabled")) {
                        first = v;
                    }
                    if (a.containsKey("selected")) {
                        fields.put(select, new ArrayList<>(List.of(v)));
                        chosen = true;
                    }
                }
                case "/select" -> {
                    if (select != null && !chosen && first != null) {
                        fields.put(select, new ArrayList<>(List.of(first)));
                    }
                    select = null;
                }
                default -> {
                    // textareas are not used by these forms
                }
            }
        }
    }

    private static Map<String, String> attributes(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(s);
        while (m.find()) {
            String v = m.group(2) != null ? m.group(2) : m.group(3);
            out.put(m.group(1).toLowerCase(), v == null ? "" : unescape(v));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#34;", "\"").replace("&amp;", "&");
    }

    FormDriver set(String name, String value) {
        fields.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    FormDriver remove(String name) {
        fields.remove(name);
        return this;
    }

    String get(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** The index N of the grid row ({@code m.N.target}) for this target column. */
    int row(String target) {
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            if (e.getKey().matches("m\\.\\d+\\.target") && e.getValue().contains(target)) {
                return Integer.parseInt(e.getKey().split("\\.")[1]);
            }
        }
        throw new AssertionError("no grid row for target column '" + target + "' in " + fields.keySet());
    }

    /** The fields URL-encoded, with these extra ones. */
    String encoded(String... extra) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, vs) -> vs.forEach(v -> append(b, k, v)));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            append(b, extra[i], extra[i + 1]);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String k, String v) {
        if (b.length() > 0) {
            b.append('&');
        }
        b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }
}
