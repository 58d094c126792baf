package dev.sluice.emulator.fetch;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.data.LookupValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sample rows of Microsoft's FetchXML documentation, so its examples can be replayed verbatim: the ten accounts of
 * fetchxml/aggregate-data.md (employees, city, created on) with the primary contacts of fetchxml/join-tables.md, and
 * the thirteen contacts of fetchxml/page-results.md with the documented GUIDs, job titles and incomes.
 */
final class DocumentedOrg {
    /** Contacts by full name, with the GUIDs the paging example shows (the others are ours). */
    static final Map<String, UUID> CONTACTS = new LinkedHashMap<>();
    static final Map<String, UUID> ACCOUNTS = new LinkedHashMap<>();

    static {
        String[][] c = {
            {"Yvonne McKay (sample)", "49b0be2e-d01c-ed11-b83e-000d3a572421"},
            {"Thomas Andersen (sample)", "86bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Susanna Stubberod (sample)", "70bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Susan Burk (sample)", "84bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Sidney Higa (sample)", "76bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Scott Konersmann (sample)", "78bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Robert Lyon (sample)", "7cbf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Rene Valdes (sample)", "7ebf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Paul Cannon (sample)", "7abf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Patrick Sands (sample)", "82bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Nancy Anderson (sample)", "72bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Maria Campbell (sample)", "74bf4d48-34cb-ed11-b596-0022481d68cd"},
            {"Jim Glynn (sample)", "80bf4d48-34cb-ed11-b596-0022481d68cd"}};
        for (String[] x : c) {
            CONTACTS.put(x[0], UUID.fromString(x[1]));
        }
    }

    private DocumentedOrg() {}

    static Wire start() {
        Wire wire = Wire.start(Emulator.builder().noAuth(true));
        Emulator e = wire.emulator();
        String[][] contacts = {
            {"Yvonne", "McKay (sample)", "Coffee Master", "45000"},
            {"Thomas", "Andersen (sample)", "Purchasing Manager", null},
            {"Susanna", "Stubberod (sample)", "Purchasing Manager", null},
            {"Susan", "Burk (sample)", "Owner", null},
            {"Sidney", "Higa (sample)", "Owner", null},
            {"Scott", "Konersmann (sample)", "Purchasing Manager", null},
            {"Robert", "Lyon (sample)", "Owner", null},
            {"Rene", "Valdes (sample)", "Purchasing Assistant", null},
            {"Paul", "Cannon (sample)", "Purchasing Manager", null},
            {"Patrick", "Sands (sample)", "Owner", null},
            {"Nancy", "Anderson (sample)", "Owner", null},
            {"Maria", "Campbell (sample)", "Purchasing Manager", null},
            {"Jim", "Glynn (sample)", "Owner", null}};
        for (String[] x : contacts) {
            Map<String, Object> v = new HashMap<>();
            v.put("contactid", CONTACTS.get(x[0] + " " + x[1]));
            v.put("firstname", x[0]);
            v.put("lastname", x[1]);
            v.put("jobtitle", x[2]);
            if (x[3] != null) {
                v.put("annualincome", new BigDecimal(x[3]));
            }
            Fetch.insert(e, "contact", v);
        }
        Instant march = Instant.parse("2023-03-25T17:42:46Z");
        Object[][] accounts = {
            {null, "Example Account", null, Instant.parse("2023-08-27T10:00:00Z"), null},
            {1500, "Contoso Pharmaceuticals (sample)", "Redmond", march, "Robert Lyon (sample)"},
            {2700, "Fabrikam, Inc. (sample)", "Lynnwood", march, "Maria Campbell (sample)"},
            {2900, "Blue Yonder Airlines (sample)", "Los Angeles", march, "Sidney Higa (sample)"},
            {2900, "City Power & Light (sample)", "Redmond", march, "Scott Konersmann (sample)"},
            {3900, "Coho Winery (sample)", "Phoenix", march, "Jim Glynn (sample)"},
            {4300, "Adventure Works (sample)", "Santa Cruz", march, "Nancy Anderson (sample)"},
            {4800, "Alpine Ski House (sample)", "Missoula", march, "Paul Cannon (sample)"},
            {6000, "Litware, Inc. (sample)", "Dallas", march, "Susanna Stubberod (sample)"},
            {6200, "A. Datum Corporation (sample)", "Redmond", march, "Rene Valdes (sample)"}};
        for (Object[] a : accounts) {
            Map<String, Object> v = new HashMap<>();
            v.put("numberofemployees", a[0]);
            v.put("name", a[1]);
            v.put("address1_city", a[2]);
            v.put("createdon", a[3]);
            if (a[4] != null) {
                v.put("primarycontactid", new LookupValue("contact", CONTACTS.get((String) a[4])));
            }
            ACCOUNTS.put((String) a[1], Fetch.insert(e, "account", v, (Instant) a[3]));
        }
        return wire;
    }
}
