package dev.sluice.flow;

import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A provider owned by someone else: every call is passed on, {@code close} does nothing. Thread-safe. */
record SharedProvider(RecordProvider delegate) implements RecordProvider {
    /** The provider itself, for features beyond the SPI (e.g. Dataverse lookups). */
    static RecordProvider unwrap(RecordProvider p) {
        return p instanceof SharedProvider s ? unwrap(s.delegate) : p;
    }

    @Override
    public List<String> tables() {
        return delegate.tables();
    }

    @Override
    public TableSchema describe(String table) {
        return delegate.describe(table);
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        return delegate.search(request);
    }

    @Override
    public List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records) {
        return delegate.write(table, mode, key, records);
    }

    @Override
    public void close() {
        // owned by the resolver's creator
    }
}
