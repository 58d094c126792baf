package dev.sluice.dataverse;

import java.util.UUID;

/**
 * One change from {@link DataverseClient#changes}: a new or changed row, or the id of a deleted row
 * (Dataverse's {@code $deletedEntity}). Immutable.
 *
 * @param row the row as it is now, or null for a deletion
 * @param deletedId the id of the deleted row, or null
 */
public record Change(Row row, UUID deletedId) {
    public Change {
        if ((row == null) == (deletedId == null)) {
            throw new IllegalArgumentException("a change is either a row or a deleted id");
        }
    }

    public boolean isDeletion() {
        return deletedId != null;
    }
}
