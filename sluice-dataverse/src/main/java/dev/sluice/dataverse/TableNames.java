package dev.sluice.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's table names, by logical name or entity set name, loaded once each from {@code EntityDefinitions}
 * and cached for the client's life. Thread-safe.
 */
final class TableNames {
    private static final String SELECT = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute";

    private final Requests requests;
    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();

    TableNames(Requests requests) {
        this.requests = requests;
    }

    TableInfo get(String name) {
        ODataLiteral.name(name);
        TableInfo cached = tables.get(name);
        if (cached != null) {
            return cached;
        }
        TableInfo info;
        try {
            info = tableInfo(Requests.json(requests.send(requests.read("EntityDefinitions(LogicalName="
                    + Query.enc(ODataLiteral.of(name)) + ")?" + SELECT))));
        } catch (DataverseException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            info = byEntitySetName(name);
        }
        tables.put(info.logicalName(), info);
        tables.put(info.entitySetName(), info);
        return info;
    }

    private TableInfo byEntitySetName(String name) {
        JsonNode list = Requests.json(requests.send(requests.read("EntityDefinitions?" + SELECT + "&$filter="
                + Query.enc("EntitySetName eq " + ODataLiteral.of(name))))).path("value");
        if (list.size() != 1) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "no table '" + name + "' in "
                    + requests.transport().serviceRoot().getHost() + "; list the tables to see their names");
        }
        return tableInfo(list.get(0));
    }

    private static TableInfo tableInfo(JsonNode n) {
        return new TableInfo(n.path("LogicalName").asText(), n.path("EntitySetName").asText(),
                n.path("PrimaryIdAttribute").asText(), n.path("PrimaryNameAttribute").asText(null));
    }
}
