package dev.sluice.emulator.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the {@code Targets} of a bulk message (fact sheet §D.3): a non-empty array of
 * records of the addressed table, each declaring its {@code @odata.type}. Stateless and thread-safe.
 */
final class BulkTargets {
    private static final String TYPE = "@odata.type";
    private static final String ID = "@odata.id";
    private static final Pattern SERVICE_ROOT = Pattern.compile("^(?:https?://[^/]+)?/?api/data/v9\\.[012]/");

    private BulkTargets() {}

    /** The targets in order; a missing, empty or mistyped collection is a 400 naming the problem. */
    static List<ObjectNode> read(ApiRequest request, TableDef table, String action) {
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        JsonNode targets = body.get("Targets");
        if (targets == null || targets.isNull()) {
            throw ApiException.badRequest(DataverseErrorCodes.REQUIRED_FIELD_MISSING,
                    "Required field 'Targets' is missing for RequestName='" + action + "'.");
        }
        if (!targets.isArray()) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "'Targets' of " + action + " must be an array of " + table.logicalName() + " records.");
        }
        if (targets.isEmpty()) {
            throw ApiException.badRequest(DataverseErrorCodes.INVALID_ARGUMENT,
                    "'Targets' of " + action + " is empty; send at least one " + table.logicalName() + " record.");
        }
        String expected = "Microsoft.Dynamics.CRM." + table.logicalName();
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!(targets.get(i) instanceof ObjectNode target)) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "Targets[" + i + "] of " + action + " must be a JSON object (a " + table.logicalName()
                                + " record).");
            }
            JsonNode type = target.get(TYPE);
            if (type == null || !type.isTextual() || type.textValue().isBlank()) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "Targets[" + i + "] of " + action + " has no '@odata.type'; every target must declare it, "
                                + "here '" + expected + "'.");
            }
            String t = type.textValue().replaceFirst("^#", "");
            if (!t.equals(expected) && !t.equals("mscrm." + table.logicalName())) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "Targets[" + i + "] of " + action + " has '@odata.type' '" + MultipartReader.shorten(t)
                                + "', but all targets must be of the addressed table's type '" + expected + "'.");
            }
            out.add(target);
        }
        return out;
    }

    /**
     * The key of a target as URL key text: from {@code "@odata.id":"accounts(accountnumber='A-1')"}
     * (alternate or primary key) or from the primary key column; null when it has neither.
     */
    static String key(ObjectNode target, TableDef table, int index, String action) {
        JsonNode ref = target.get(ID);
        if (ref != null && !ref.isNull()) {
            return keyOf(ref, table, index, action);
        }
        JsonNode pk = target.get(table.primaryIdAttribute());
        if (pk == null || pk.isNull()) {
            return null;
        }
        if (!pk.isTextual() || !isGuid(pk.textValue())) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "Targets[" + index + "] of " + action + ": the primary key '" + table.primaryIdAttribute()
                            + "' must be a GUID.");
        }
        return pk.textValue();
    }

    private static String keyOf(JsonNode ref, TableDef table, int index, String action) {
        String example = table.entitySetName() + "(<key>)";
        ApiException bad = ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                "Targets[" + index + "] of " + action + ": '@odata.id' must address one " + table.logicalName()
                        + " record, e.g. '" + example + "'.");
        if (!ref.isTextual()) {
            throw bad;
        }
        String path = ref.textValue().trim();
        Matcher m = SERVICE_ROOT.matcher(path);
        if (m.find()) {
            path = path.substring(m.end());
        } else if (path.startsWith("/")) {
            path = path.substring(1);
        }
        ResourcePath rp = ResourcePath.parse(path);
        if (rp.size() != 1 || !rp.get(0).hasKey() || !rp.get(0).name().equals(table.entitySetName())) {
            throw bad;
        }
        return rp.get(0).key();
    }

    private static boolean isGuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            // not a GUID: the caller answers as Dataverse does for one
            return false;
        }
    }
}
