package dev.sluice.flow.internal.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link Node}s that keep the line and column of every key and value, from the
 * parser's {@link JsonLocation}s. Syntax errors and duplicate keys become {@link FlowProblem}s. Thread-safe.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** Syntax errors reported for one file at most. */
    private static final int MAX_SYNTAX_ERRORS = 10;

    private final String file;
    private final String[] lines;
    private final List<FlowProblem> problems = new ArrayList<>();

    private YamlReader(String file, String text) {
        this.file = file;
        this.lines = text.split("\r?\n", -1);
    }

    /**
     * The parsed document, or null with its syntax problems added to {@code problems}. After a syntax error the
     * offending line is left out and the rest read again, so that every line with an error of its own is reported
     * (at most {@value #MAX_SYNTAX_ERRORS}), not only the first.
     */
    public static Node read(String file, String text, List<FlowProblem> problems) {
        String[] lines = text.split("\r?\n", -1);
        int lastLine = 0;
        boolean failed = false;
        for (int attempt = 0; attempt < MAX_SYNTAX_ERRORS; attempt++) {
            YamlReader r = new YamlReader(file, text);
            try (JsonParser p = FACTORY.createParser(String.join("\n", lines))) {
                JsonToken t = p.nextToken();
                Node root = t == null ? new Node.MapNode(new Location(1, 1), Map.of()) : r.node(p);
                if (failed) {
                    return null;
                }
                problems.addAll(r.problems);
                return root;
            } catch (JsonProcessingException e) {
                JsonLocation l = e.getLocation();
                int line = l == null ? 0 : l.getLineNr();
                if (failed && line <= lastLine) {
                    return null; // the same error again: leaving lines out no longer helps
                }
                String msg = e.getOriginalMessage().split("\n")[0];
                problems.add(new FlowProblem(file, l == null ? Location.UNKNOWN : new Location(line, l.getColumnNr()),
                        "YAML syntax error: " + msg, null));
                failed = true;
                lastLine = line;
                if (line < 1 || line > lines.length) {
                    return null;
                }
                lines[line - 1] = "";
            } catch (IOException e) {
                problems.add(new FlowProblem(file, Location.UNKNOWN, "cannot read the flow file: " + e.getMessage(), null));
                return null;
            }
        }
        return null;
    }

    private Node node(JsonParser p) throws IOException {
        Location at = location(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p.currentTokenLocation());
                    p.nextToken();
                    Node value = node(p);
                    if (entries.containsKey(key)) {
                        problems.add(new FlowProblem(file, keyAt, "key '" + key + "' appears twice (first on line "
                                + entries.get(key).keyLocation().line() + ")", null));
                    } else {
                        entries.put(key, new Node.Entry(key, keyAt, value));
                    }
                }
                return new Node.MapNode(at, entries);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p));
                }
                return new Node.ListNode(at, items);
            }
            case VALUE_STRING:
                return new Node.Scalar(at, p.getText(), quoted(at));
            case VALUE_NUMBER_INT:
                return new Node.Scalar(at, p.getLongValue(), false);
            case VALUE_NUMBER_FLOAT:
                return new Node.Scalar(at, p.getDecimalValue(), false);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.Scalar(at, p.getBooleanValue(), false);
            case VALUE_NULL:
                return new Node.Scalar(at, null, false);
            default:
                return new Node.Scalar(at, p.getText(), false);
        }
    }

    private boolean quoted(Location at) {
        if (at.line() < 1 || at.line() > lines.length) {
            return false;
        }
        String line = lines[at.line() - 1];
        int i = at.column() - 1;
        return i >= 0 && i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\'');
    }

    private static Location location(JsonLocation l) {
        return l == null ? Location.UNKNOWN : new Location(l.getLineNr(), l.getColumnNr());
    }
}
