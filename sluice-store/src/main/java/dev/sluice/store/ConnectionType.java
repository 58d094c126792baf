package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kind of system a connection reaches. Immutable and thread-safe. */
public enum ConnectionType {
    /** Microsoft Dataverse (Dynamics 365) Web API. */
    DATAVERSE("dataverse"),
    /** Microsoft Dynamics 365 Business Central API v2.0. */
    BUSINESS_CENTRAL("business-central");

    private final String wireName;

    ConnectionType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration, the database and the API, e.g. {@code dataverse}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or an INVALID_INPUT error listing the known ones. */
    public static ConnectionType fromWireName(String name) {
        for (ConnectionType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw Checks.invalid("unknown connection type '" + name + "'; known types: "
                + Arrays.stream(values()).map(ConnectionType::wireName).collect(Collectors.joining(", ")));
    }
}
