package dev.sluice.dataverse;

/**
 * Options of a FetchXML query. Immutable.
 *
 * @param formattedValues ask for formatted values (choice labels, lookup names, currency text) beside the values
 * @param pageSize rows per page when the query has no {@code count}; null for the client's page size
 */
public record FetchXmlOptions(boolean formattedValues, Integer pageSize) {
    /** Values only, the client's page size. */
    public static final FetchXmlOptions DEFAULTS = new FetchXmlOptions(false, null);

    public FetchXmlOptions {
        if (pageSize != null && (pageSize < 1 || pageSize > 5000)) {
            throw new IllegalArgumentException("pageSize must be 1..5000 (Dataverse's largest page), got " + pageSize);
        }
    }

    public FetchXmlOptions withFormattedValues() {
        return new FetchXmlOptions(true, pageSize);
    }

    public FetchXmlOptions withPageSize(int rows) {
        return new FetchXmlOptions(formattedValues, rows);
    }
}
