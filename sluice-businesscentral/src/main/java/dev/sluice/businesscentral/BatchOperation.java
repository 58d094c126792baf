package dev.sluice.businesscentral;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One request of a JSON {@code $batch}: create, update (with the {@code If-Match} etag Business Central requires,
 * or {@code *}) or delete an entity of a company. Immutable.
 *
 * @param method POST, PATCH or DELETE
 * @param company the company
 * @param entitySet e.g. {@code customers}
 * @param id the entity for PATCH and DELETE; null for POST
 * @param values the body for POST and PATCH
 * @param etag {@code If-Match} for PATCH (required) and DELETE (optional)
 */
public record BatchOperation(String method, UUID company, String entitySet, UUID id, Map<String, Object> values,
        String etag) {
    public BatchOperation {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(entitySet, "entitySet");
        switch (method) {
            case "POST" -> Objects.requireNonNull(values, "values");
            case "PATCH" -> {
                Objects.requireNonNull(id, "id");
                Objects.requireNonNull(values, "values");
                if (etag == null || etag.isBlank()) {
                    throw new IllegalArgumentException("an update needs the entity's @odata.etag (or *) for If-Match: "
                            + "Business Central requires it");
                }
            }
            case "DELETE" -> Objects.requireNonNull(id, "id");
            default -> throw new IllegalArgumentException("a batch operation is POST, PATCH or DELETE, not " + method);
        }
    }

    public static BatchOperation create(UUID company, String entitySet, Map<String, Object> values) {
        return new BatchOperation("POST", company, entitySet, null, values, null);
    }

    public static BatchOperation update(UUID company, String entitySet, UUID id, Map<String, Object> values,
            String etag) {
        return new BatchOperation("PATCH", company, entitySet, id, values, etag);
    }

    public static BatchOperation delete(UUID company, String entitySet, UUID id, String etag) {
        return new BatchOperation("DELETE", company, entitySet, id, null, etag);
    }
}
