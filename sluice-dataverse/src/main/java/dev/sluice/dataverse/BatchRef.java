package dev.sluice.dataverse;

/**
 * A handle on one operation of a {@link Batch}: finds its outcome in the {@link BatchResult}, and, put
 * as a value in a later operation of the same change set, binds a lookup to the row an earlier create
 * made ({@code "parentcustomerid_account@odata.bind":"$1"}, fact sheet §D.1). Immutable.
 *
 * @param index the operation's position in the batch, from 0
 * @param changeSet the change set it belongs to (from 1), or 0 for none
 */
public record BatchRef(int index, int changeSet) {
    /** The {@code Content-ID} the operation carries: its index plus one, unique in the batch. */
    public String contentId() {
        return Integer.toString(index + 1);
    }
}
