package dev.sluice.flow;

import dev.sluice.core.RecordProvider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a record provider per connection name: the engine store's connections, a flow file's declared ones,
 * or fixed providers in tests. Implementations are thread-safe.
 */
public interface ConnectionResolver {
    /** A provider for the named connection, or empty when there is no such connection; the caller closes it. */
    Optional<RecordProvider> open(String name);

    /** The names this resolver knows, for "did you mean" suggestions. */
    Set<String> names();

    /** Resolves these names to these providers; the providers are shared and never closed by a flow. */
    static ConnectionResolver of(Map<String, ? extends RecordProvider> providers) {
        Map<String, RecordProvider> copy = Map.copyOf(providers);
        return new ConnectionResolver() {
            @Override
            public Optional<RecordProvider> open(String name) {
                RecordProvider p = copy.get(name);
                return p == null ? Optional.empty() : Optional.of(new SharedProvider(p));
            }

            @Override
            public Set<String> names() {
                return copy.keySet();
            }
        };
    }

    /** Tries this resolver, then {@code other}. */
    default ConnectionResolver orElse(ConnectionResolver other) {
        ConnectionResolver first = this;
        return new ConnectionResolver() {
            @Override
            public Optional<RecordProvider> open(String name) {
                Optional<RecordProvider> p = first.open(name);
                return p.isPresent() ? p : other.open(name);
            }

            @Override
            public Set<String> names() {
                Set<String> all = new java.util.TreeSet<>(first.names());
                all.addAll(other.names());
                return all;
            }
        };
    }
}
