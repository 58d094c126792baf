package dev.sluice.emulator.internal.data;

import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.OptionDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills the store: the root business unit and the built-in users always, then generated rows per
 * table. The same counts give the same rows (ids, values, lookups) on every run. Not thread-safe; run
 * once at start-up.
 */
public final class SeedGenerator {
    /** Rows are dated from here, one minute apart, so that the same seed gives the same dates. */
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final String[] FIRST = {"Alex", "Maria", "Jun", "Priya", "Tomás", "Aisha", "Liam", "Sofia",
        "Noah", "Yuki", "Omar", "Elena", "Kofi", "Hannah", "Mateo", "Ingrid", "Ravi", "Chloe", "Diego", "Mei"};
    private static final String[] LAST = {"Smith", "García", "Chen", "Patel", "Müller", "Okafor", "Rossi", "Kim",
        "Novak", "Silva", "Johansson", "Haddad", "Nguyen", "O'Brien", "Kowalski", "Tanaka", "Dubois", "Mensah"};
    private static final String[] ORG_A = {"Contoso", "Fabrikam", "Northwind", "Adventure", "Tailspin", "Litware",
        "Proseware", "Woodgrove", "Fourth Coffee", "Wingtip", "Alpine", "Blue Yonder", "Coho", "Lucerne"};
    private static final String[] ORG_B = {"Traders", "Works", "Systems", "Labs", "Holdings", "Foods", "Logistics",
        "Consulting", "Outfitters", "Energy", "Media", "Bank"};
    private static final String[] CITIES = {"Seattle", "London", "Paris", "Berlin", "Tokyo", "Lagos", "São Paulo",
        "Toronto", "Sydney", "Mumbai", "Oslo", "Madrid"};

    private final OrgStore store;

    public SeedGenerator(OrgStore store) {
        this.store = store;
    }

    /** Creates the root business unit, the SYSTEM user and the demo user. */
    public void bootstrap() {
        TableDef bu = store.schema().table("businessunit");
        Object[] b = new Object[bu.columns().size()];
        b[0] = SampleIds.ROOT_BUSINESS_UNIT;
        b[bu.indexOf("name")] = "Sluice Demo Org";
        SystemColumns.stampCreate(bu, b, next(), EPOCH, SampleIds.SYSTEM_USER);
        store.load(bu, List.of(new Row(SampleIds.ROOT_BUSINESS_UNIT, (Long) b[bu.indexOf("versionnumber")], b)));
        addUser(SampleIds.SYSTEM_USER, "SYSTEM", "", null, null, null);
        addUser(SampleIds.DEMO_USER, "Dana", "Demo", "dana@demo.sluice.dev", SampleIds.DEMO_USER_OBJECT_ID, null);
    }

    /** Adds a systemuser row (a user with an Entra object id, or an application user with an app id). */
    public void addUser(UUID id, String first, String last, String upn, UUID objectId, UUID applicationId) {
        TableDef su = store.schema().table("systemuser");
        if (store.read(() -> store.get(su, id)) != null) {
            return;
        }
        Object[] v = new Object[su.columns().size()];
        v[0] = id;
        v[su.indexOf("firstname")] = first;
        v[su.indexOf("lastname")] = last;
        v[su.indexOf("domainname")] = upn;
        v[su.indexOf("internalemailaddress")] = upn;
        v[su.indexOf("azureactivedirectoryobjectid")] = objectId;
        v[su.indexOf("applicationid")] = applicationId;
        v[su.indexOf("isdisabled")] = Boolean.FALSE;
        v[su.indexOf("businessunitid")] = new LookupValue("businessunit", SampleIds.ROOT_BUSINESS_UNIT);
        SystemColumns.stampCreate(su, v, next(), EPOCH, SampleIds.SYSTEM_USER);
        store.load(su, List.of(new Row(id, (Long) v[su.indexOf("versionnumber")], v)));
    }

    /** Generates rows; keys of {@code counts} are logical or entity set names. Accounts come before contacts. */
    public void seed(Map<String, Integer> counts) {
        List<String> order = List.of("businessunit", "systemuser", "account", "contact", "lead", "opportunity");
        List<TableDef> tables = new ArrayList<>();
        for (String name : order) {
            TableDef t = store.schema().table(name);
            if (t != null && count(counts, t) > 0) {
                tables.add(t);
            }
        }
        for (TableDef t : store.schema().tables()) {
            if (!order.contains(t.logicalName()) && count(counts, t) > 0) {
                tables.add(t);
            }
        }
        for (String key : counts.keySet()) {
            if (store.schema().table(key) == null && store.schema().tableBySet(key) == null) {
                throw new IllegalArgumentException("--seed names unknown table '" + key + "'");
            }
        }
        for (TableDef t : tables) {
            generate(t, count(counts, t), counts);
        }
    }

    private static int count(Map<String, Integer> counts, TableDef t) {
        Integer n = counts.get(t.logicalName());
        if (n == null) {
            n = counts.get(t.entitySetName());
        }
        return n == null ? 0 : n;
    }

    private void generate(TableDef t, int n, Map<String, Integer> counts) {
        SplittableRandom random = new SplittableRandom(t.logicalName().hashCode() * 31L + n);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] v = new Object[t.columns().size()];
            UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                    (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
            v[0] = id;
            for (int c = 1; c < v.length; c++) {
                ColumnDef col = t.columns().get(c);
                if (!SystemColumns.isServerKept(t, col)) {
                    v[c] = value(t, col, i, random, counts);
                }
            }
            Instant when = EPOCH.plusSeconds(60L * i);
            SystemColumns.stampCreate(t, v, next(), when, SampleIds.DEMO_USER);
            rows.add(new Row(id, (Long) v[t.indexOf("versionnumber")], v));
        }
        store.load(t, rows);
        generated.put(t.logicalName(), rows);
    }

    private final Map<String, List<Row>> generated = new java.util.HashMap<>();

    private Object value(TableDef t, ColumnDef col, int i, SplittableRandom r, Map<String, Integer> counts) {
        String name = col.name();
        if (name.equals("ownerid")) {
            return new LookupValue("systemuser", SampleIds.DEMO_USER);
        }
        if (name.equals("statecode") || name.equals("statuscode")) {
            return null; // defaults: active
        }
        if (r.nextInt(10) == 0 && !col.required() && !isKeyColumn(t, col) && !name.equals(t.primaryNameAttribute())) {
            return null; // some columns are empty, as in real data
        }
        return switch (col.type()) {
            case STRING -> string(t, col, i, r);
            case MEMO -> "Notes for record " + (i + 1) + ": " + ORG_B[r.nextInt(ORG_B.length)].toLowerCase() + " review.";
            case INTEGER -> r.nextInt(1, 5000);
            case BIGINT -> r.nextLong(1, 1_000_000_000L);
            case DECIMAL -> BigDecimal.valueOf(r.nextInt(1, 200_000), 4);
            case DOUBLE -> Math.round((r.nextDouble() * 180 - 90) * 1e5) / 1e5;
            case MONEY -> BigDecimal.valueOf(r.nextLong(1_000, 50_000_000), 2);
            case DATETIME -> EPOCH.minusSeconds(r.nextLong(0, 20L * 365 * 86400));
            case BOOLEAN -> r.nextInt(4) == 0;
            case PICKLIST -> {
                List<OptionDef> o = col.options();
                yield o.get(r.nextInt(o.size())).value();
            }
            case UNIQUEIDENTIFIER -> null;
            case LOOKUP, CUSTOMER, OWNER -> lookup(col, r);
            default -> null;
        };
    }

    private Object lookup(ColumnDef col, SplittableRandom r) {
        // point at already generated rows only, so lookups are never dangling
        for (var target : col.targets()) {
            List<Row> rows = generated.get(target.table());
            if (rows != null && !rows.isEmpty()) {
                return new LookupValue(target.table(), rows.get(r.nextInt(rows.size())).id());
            }
        }
        return null;
    }

    private static boolean isKeyColumn(TableDef t, ColumnDef col) {
        return t.keys().stream().anyMatch(k -> k.columns().contains(col.name()));
    }

    private static String string(TableDef t, ColumnDef col, int i, SplittableRandom r) {
        String name = col.name();
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        String s;
        if (name.equals("accountnumber")) {
            s = "ACC-" + pad(i + 1, 7);
        } else if (name.startsWith("emailaddress")) {
            s = ascii(first) + "." + ascii(last) + "." + (i + 1) + "@example.com";
        } else if (name.equals("firstname")) {
            s = first;
        } else if (name.equals("lastname")) {
            s = last;
        } else if (name.equals(t.primaryNameAttribute()) || name.equals("companyname")) {
            s = ORG_A[r.nextInt(ORG_A.length)] + " " + ORG_B[r.nextInt(ORG_B.length)] + " " + (i + 1);
        } else if (name.startsWith("telephone")) {
            s = "+1-555-" + pad(r.nextInt(1000), 3) + "-" + pad(r.nextInt(10000), 4);
        } else if (name.contains("city")) {
            s = CITIES[r.nextInt(CITIES.length)];
        } else if (name.contains("country")) {
            s = "Country " + (1 + r.nextInt(40));
        } else if (name.equals("websiteurl")) {
            s = "https://www.example.com/" + (i + 1);
        } else if (name.equals("subject") || name.equals("jobtitle")) {
            s = ORG_B[r.nextInt(ORG_B.length)] + " interest " + (i + 1);
        } else {
            s = col.displayName() + " " + (i + 1);
        }
        return col.maxLength() > 0 && s.length() > col.maxLength() ? s.substring(0, col.maxLength()) : s;
    }

    private static final Map<String, String> ASCII = new java.util.HashMap<>();

    private static String ascii(String s) {
        return ASCII.computeIfAbsent(s, k -> java.text.Normalizer.normalize(k, java.text.Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private long next() {
        return store.nextVersion();
    }
}
