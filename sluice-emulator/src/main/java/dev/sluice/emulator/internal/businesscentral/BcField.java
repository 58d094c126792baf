package dev.sluice.emulator.internal.businesscentral;

import java.util.List;

/**
 * One property of a Business Central API v2.0 entity as Microsoft's resource pages list it: name, type, whether a
 * client may write it, and for enums the members. Immutable.
 */
record BcField(String name, Type type, boolean readOnly, List<String> members) {
    /** The EDM types the standard API uses. */
    enum Type { STRING, GUID, DECIMAL, BOOLEAN, INTEGER, DATE, DATETIME, ENUM }

    BcField {
        members = List.copyOf(members);
    }

    /**
     * Parses {@code name:type[:ro]}, with {@code enum(A|B)} for enums, e.g. {@code blocked:enum( |Ship|All)} or
     * {@code id:guid:ro}.
     */
    static BcField parse(String spec) {
        int open = spec.indexOf('(');
        List<String> members = List.of();
        String head = spec;
        String tail = "";
        if (open > 0) {
            int close = spec.indexOf(')', open);
            members = List.of(spec.substring(open + 1, close).split("\\|", -1));
            head = spec.substring(0, open);
            tail = spec.substring(close + 1);
        }
        String[] parts = (head + tail).split(":");
        Type type = Type.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
        return new BcField(parts[0], type, parts.length > 2 && parts[2].equals("ro"), members);
    }
}
