package dev.sluice.dataverse;

/**
 * A lookup value to write: binds a single-valued navigation property to a row of another table, by id
 * or alternate key. In a write's values map, put it under the navigation property's name, e.g.
 * {@code values.put("parentcustomerid_account", Lookup.to("accounts", RecordKey.alternate("accountnumber", "A-1")))}
 * → {@code "parentcustomerid_account@odata.bind":"/accounts(accountnumber='A-1')"}.
 */
public record Lookup(String entitySet, RecordKey key) {
    public Lookup {
        ODataLiteral.name(entitySet);
    }

    public static Lookup to(String entitySet, RecordKey key) {
        return new Lookup(entitySet, key);
    }

    /** The bind reference, e.g. {@code /accounts(accountnumber='A-1')}. */
    public String reference() {
        return "/" + entitySet + "(" + key.segment() + ")";
    }
}
