package dev.sluice.flow;

import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A provider that passes every call of the SPI but {@code close} on to {@link #delegate()}; each implementation says
 * what closing it closes. As thread-safe as the delegate.
 */
interface ForwardingProvider extends RecordProvider {
    /** The provider the calls go to. */
    RecordProvider delegate();

    @Override
    default List<String> tables() {
        return delegate().tables();
    }

    @Override
    default TableSchema describe(String table) {
        return delegate().describe(table);
    }

    @Override
    default Stream<Map<String, Object>> search(SearchRequest request) {
        return delegate().search(request);
    }

    @Override
    default List<WriteOutcome> write(String table, WriteMode mode, List<String> key,
            List<Map<String, Object>> records) {
        return delegate().write(table, mode, key, records);
    }

    @Override
    void close();
}
