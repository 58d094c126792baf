package dev.sluice.bench.macro;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contacts the write figures send, made from their index so that nothing is held in memory: a
 * unique {@code emailaddress1} (the sample schema's alternate key on {@code contact}) under a prefix that
 * tells each run's rows apart, and a few ordinary columns. Stateless.
 */
final class ContactRecords {
    /** Every benchmark email ends here (a reserved test domain, RFC 2606). */
    static final String DOMAIN = "@example.test";

    private ContactRecords() {}

    /** {@code prefix-0000042@example.test}. */
    static String email(String prefix, long index) {
        return String.format("%s-%07d%s", prefix, index, DOMAIN);
    }

    /** The contact with this index, alternate key included. */
    static Map<String, Object> record(String prefix, long index) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("emailaddress1", email(prefix, index));
        r.putAll(body(index));
        return r;
    }

    /** The columns besides the key (what a PATCH by key sends in its body). */
    static Map<String, Object> body(long index) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("firstname", "Bench");
        r.put("lastname", "Contact " + index);
        r.put("jobtitle", index % 2 == 0 ? "Buyer" : "Engineer");
        r.put("telephone1", "+1 555 " + String.format("%07d", index));
        r.put("address1_city", index % 3 == 0 ? "Lisbon" : "Oslo");
        return r;
    }
}
