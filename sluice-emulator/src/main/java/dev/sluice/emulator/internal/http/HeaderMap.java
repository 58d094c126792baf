package dev.sluice.emulator.internal.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Case-insensitive, multi-valued HTTP headers in arrival order. Not thread-safe. */
public final class HeaderMap {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    public HeaderMap add(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        names.putIfAbsent(key, name);
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    public HeaderMap set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public void remove(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        values.remove(key);
        names.remove(key);
    }

    /** First value, or null. */
    public String first(String name) {
        List<String> v = values.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> all(String name) {
        List<String> v = values.get(name.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : Collections.unmodifiableList(v);
    }

    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Header names (as first written) with their values. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            out.put(names.get(e.getKey()), Collections.unmodifiableList(e.getValue()));
        }
        return out;
    }
}
