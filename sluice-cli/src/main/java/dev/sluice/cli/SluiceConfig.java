package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective configuration: defaults, then {@code sluice.yaml} ({@code SLUICE_CONFIG}, else
 * {@code SLUICE_HOME/sluice.yaml} when it exists), then {@code SLUICE_…} environment variables, then command-line
 * flags, each value remembering where it came from. Every value is checked when loaded; all problems are reported
 * at once, each with its file and line or variable. Nothing is read when there is no file, so commands that do not
 * need it pay one file-existence check. Immutable and thread-safe.
 */
final class SluiceConfig {
    /** Environment variable naming the configuration file. */
    static final String CONFIG_VARIABLE = "SLUICE_CONFIG";
    /** The file looked for in SLUICE_HOME. */
    static final String FILE_NAME = "sluice.yaml";

    /** A value and where it came from: {@code default}, {@code FILE:LINE}, {@code SLUICE_…} or {@code --flag}. */
    record Value(ConfigKey key, Object value, String source) {}

    private final Path file;
    private final Map<String, Value> values;
    private final List<String> warnings;

    private SluiceConfig(Path file, Map<String, Value> values, List<String> warnings) {
        this.file = file;
        this.values = values;
        this.warnings = warnings;
    }

    /** The configuration of an environment whose Sluice home is {@code home}; INVALID_INPUT listing every problem. */
    static SluiceConfig load(Map<String, String> env, Path home) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Value> values = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.ALL) {
            if (k.defaultValue() != null) {
                values.put(k.name(), new Value(k, k.type().parse(k.defaultValue()), "default"));
            }
        }
        Path file = locate(env, home);
        if (file != null) {
            readFile(file, values, errors, warnings);
        }
        for (ConfigKey k : ConfigKey.ALL) {
            String v = env.get(k.environmentVariable());
            if (v != null && !v.isBlank()) {
                try {
                    values.put(k.name(), new Value(k, k.type().parse(v), k.environmentVariable()));
                } catch (IllegalArgumentException e) {
                    errors.add(k.environmentVariable() + " (" + k.name() + "): " + e.getMessage());
                }
            }
        }
        SluiceConfig c = new SluiceConfig(file, values, List.copyOf(warnings));
        c.checkTogether(errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return c;
    }

    private static SluiceException invalid(List<String> errors) {
        return new SluiceException(ErrorKind.INVALID_INPUT, errors.size() == 1 ? "configuration: " + errors.get(0)
                : "configuration has " + errors.size() + " problems:\n  " + String.join("\n  ", errors));
    }

    /** SLUICE_CONFIG (which must exist), else SLUICE_HOME/sluice.yaml when it exists, else none. */
    static Path locate(Map<String, String> env, Path home) {
        String named = env.get(CONFIG_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named.strip());
            if (!Files.isRegularFile(p)) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, CONFIG_VARIABLE + " names " + p + ", which "
                        + (Files.exists(p) ? "is not a file" : "does not exist"));
            }
            return p;
        }
        Path inHome = home.resolve(FILE_NAME);
        return Files.isRegularFile(inHome) ? inHome : null;
    }

    private static void readFile(Path file, Map<String, Value> values, List<String> errors, List<String> warnings) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            return;
        }
        ConfigFile.Parsed parsed = ConfigFile.parse(file.toString(), text);
        errors.addAll(parsed.errors());
        boolean secrets = false;
        for (Map.Entry<String, ConfigFile.Located> e : parsed.values().entrySet()) {
            ConfigKey k = ConfigKey.named(e.getKey());
            String where = file.getFileName() + ":" + e.getValue().line();
            try {
                values.put(k.name(), new Value(k, k.type().parse(e.getValue().text()), where));
                secrets |= k.secret();
            } catch (IllegalArgumentException ex) {
                errors.add(file + ":" + e.getValue().line() + ": " + k.name() + " " + ex.getMessage());
            }
        }
        if (secrets && readableByOthers(file)) {
            warnings.add(file + " holds secrets and others can read it: chmod 600 " + file + ", or give the secrets in "
                    + "SLUICE_… environment variables");
        }
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            // permissions that cannot be read (no POSIX file system): nothing to warn about
            return false;
        }
    }

    private void checkTogether(List<String> errors) {
        both("server.tls.cert", "server.tls.key", errors);
        both("relay.tls.cert", "relay.tls.key", errors);
        if (has("outbound.proxy-password") && !has("outbound.proxy-user")) {
            errors.add(source("outbound.proxy-password") + ": outbound.proxy-password needs outbound.proxy-user");
        }
        if (has("metrics.token") && secret("metrics.token").reveal().length() < 16) {
            errors.add(source("metrics.token") + ": metrics.token must have at least 16 characters");
        }
    }

    private void both(String a, String b, List<String> errors) {
        if (has(a) != has(b)) {
            String given = has(a) ? a : b;
            errors.add(source(given) + ": " + given + " needs " + (has(a) ? b : a) + " too");
        }
    }

    /** The configuration file read, if any. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Problems that do not stop Sluice (a world-readable file with secrets). */
    List<String> warnings() {
        return warnings;
    }

    /** This configuration with a command-line flag's value for {@code key} (null: the flag was not given). */
    SluiceConfig withFlag(String key, Object value, String flag) {
        if (value == null) {
            return this;
        }
        ConfigKey k = ConfigKey.named(key);
        Map<String, Value> copy = new LinkedHashMap<>(values);
        copy.put(key, new Value(k, value, flag));
        return new SluiceConfig(file, copy, warnings);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** Where the value of {@code key} came from, or {@code not set}. */
    String source(String key) {
        Value v = values.get(key);
        return v == null ? "not set" : v.source();
    }

    /** The value, or null when nothing sets it. */
    @SuppressWarnings("unchecked")
    <T> T get(String key) {
        Value v = values.get(checked(key));
        return v == null ? null : (T) v.value();
    }

    Secret secret(String key) {
        String s = get(key);
        return s == null ? null : Secret.of(s);
    }

    boolean bool(String key) {
        Boolean b = get(key);
        return b != null && b;
    }

    /** Every key with its value as printed ({@code ***} for secrets) and its source, in schema order. */
    List<String[]> effective() {
        List<String[]> rows = new ArrayList<>();
        for (ConfigKey k : ConfigKey.ALL) {
            Value v = values.get(k.name());
            String shown = v == null ? "" : k.secret() ? "***" : show(v.value());
            if (k.name().equals("store.url")) {
                shown = shown.replaceAll("(?i)(password=)[^&;]*", "$1***"); // a JDBC URL may carry one
            }
            rows.add(new String[] {k.name(), shown, v == null ? "not set" : v.source()});
        }
        return rows;
    }

    private static String show(Object value) {
        if (value instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        if (value instanceof java.time.Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
        if (value instanceof dev.sluice.core.ProxySettings) {
            return "direct";
        }
        return String.valueOf(value);
    }

    private static String checked(String key) {
        if (ConfigKey.named(key) == null) {
            throw new IllegalArgumentException("no configuration key " + key);
        }
        return key;
    }
}
