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
 * A flow's FetchXML source: reads go to the query's provider, and closing it closes the Dataverse connection the
 * query runs on. Thread-safe.
 */
record FetchXmlSource(RecordProvider query, RecordProvider connection) implements RecordProvider {
    @Override
    public List<String> tables() {
        return query.tables();
    }

    @Override
    public TableSchema describe(String table) {
        return query.describe(table);
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        return query.search(request);
    }

    @Override
    public List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records) {
        return query.write(table, mode, key, records);
    }

    @Override
    public void close() {
        connection.close();
    }
}
