package dev.sluice.flow;

import dev.sluice.core.RecordProvider;

/**
 * A flow's FetchXML source: reads go to the query's provider, and closing it closes the Dataverse connection the
 * query runs on. Thread-safe.
 */
record FetchXmlSource(RecordProvider query, RecordProvider connection) implements ForwardingProvider {
    @Override
    public RecordProvider delegate() {
        return query;
    }

    @Override
    public void close() {
        connection.close();
    }
}
