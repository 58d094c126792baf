package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.core.NearestName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code sluice.yaml} into its settings, each with the line it is on: nested maps become dotted keys
 * ({@code server: {tls: {cert: …}}} is {@code server.tls.cert}), lists stay lists. Unknown keys, duplicate keys, a
 * section where a value belongs and YAML syntax errors become errors that name the file and line. Stateless.
 */
final class ConfigFile {
    private static final YAMLFactory YAML = new YAMLFactory();

    /** A value as written, and its line. */
    record Located(String text, List<String> items, int line) {}

    /** What the file holds, and what is wrong with it ({@code file:line: message}). */
    record Parsed(Map<String, Located> values, List<String> errors) {}

    private final String file;
    private final Map<String, Located> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private ConfigFile(String file) {
        this.file = file;
    }

    /** Parses the text of the file named {@code file} (as messages show it). */
    static Parsed parse(String file, String text) {
        ConfigFile f = new ConfigFile(file);
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != null && t != JsonToken.START_OBJECT) {
                f.error(line(p), "the file must be a map of settings (server:, outbound:, …), not a " + kind(t));
            } else if (t != null) {
                f.map(p, "");
            }
        } catch (JsonProcessingException e) {
            // what was read before a syntax error may be misread because of it: the syntax error alone is reported
            f.values.clear();
            f.errors.clear();
            JsonLocation l = e.getLocation();
            f.error(l == null ? 0 : l.getLineNr(), "not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            f.error(0, "cannot read it: " + e.getMessage());
        }
        return new Parsed(f.values, f.errors);
    }

    private void map(JsonParser p, String prefix) throws IOException {
        Map<String, Integer> seen = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            int keyLine = line(p);
            JsonToken value = p.nextToken();
            Integer first = seen.putIfAbsent(key, keyLine);
            if (first != null) {
                error(keyLine, key + " appears twice (first on line " + first + ")");
            }
            boolean section = ConfigKey.ALL.stream().anyMatch(k -> k.name().startsWith(key + "."));
            ConfigKey known = ConfigKey.named(key);
            if (value == JsonToken.START_OBJECT) {
                if (section) {
                    map(p, key + ".");
                } else {
                    error(keyLine, known != null ? key + " takes a value, not a section" : unknown(key));
                    p.skipChildren();
                }
            } else if (section && value != JsonToken.VALUE_NULL) {
                error(keyLine, key + " is a section: put its settings under it, e.g. " + key + "."
                        + firstChild(key));
                p.skipChildren();
            } else if (known == null && !section) {
                error(keyLine, unknown(key));
                p.skipChildren();
            } else if (value == JsonToken.START_ARRAY) {
                List<String> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken().isStructStart()) {
                        error(line(p), key + ": list items must be plain values");
                        p.skipChildren();
                    } else {
                        items.add(p.getText());
                    }
                }
                if (known.type() != ConfigKey.Type.LIST) {
                    error(keyLine, key + " takes one value, not a list");
                } else if (first == null) {
                    values.put(key, new Located(String.join(",", items), List.copyOf(items), keyLine));
                }
            } else if (value != JsonToken.VALUE_NULL && first == null && known != null) {
                values.put(key, new Located(p.getText(), null, line(p)));
            }
        }
    }

    private static String firstChild(String section) {
        return ConfigKey.ALL.stream().map(ConfigKey::name).filter(n -> n.startsWith(section + "."))
                .map(n -> n.substring(section.length() + 1)).findFirst().orElse("key");
    }

    private static String unknown(String key) {
        List<String> names = new ArrayList<>();
        ConfigKey.ALL.forEach(k -> names.add(k.name()));
        String near = NearestName.of(key, names);
        return "unknown setting '" + ConfigKey.Type.clean(key) + "'" + (near == null ? "; see sluice config check for "
                + "every setting" : " (did you mean '" + near + "'?)");
    }

    private void error(int line, String message) {
        errors.add(file + (line > 0 ? ":" + line : "") + ": " + message);
    }

    private static int line(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null ? 0 : l.getLineNr();
    }

    private static String kind(JsonToken t) {
        return t == JsonToken.START_ARRAY ? "list" : "single value";
    }
}
