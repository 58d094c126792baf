package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random cells into every column of the sample org's tables (every Dataverse type): a conversion gives a value or
 * an INVALID_INPUT error that names the column, the value and the form it takes; no other exception escapes.
 */
@WithEmulator(noAuth = true)
class ColumnValuesFuzzTest {
    static Emulator emulator;
    static DataverseClient client;
    static final List<ColumnMetadata> COLUMNS = new ArrayList<>();

    @BeforeAll
    static void load() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("fuzz", "t")).build();
        for (String t : List.of("account", "contact", "lead", "opportunity", "systemuser", "businessunit")) {
            TableMetadata m = client.metadata(t);
            COLUMNS.addAll(m.columns());
        }
    }

    /** Cells a person or a broken export might put in a file. */
    static String cell(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> Integer.toString(r.nextInt());
            case 3 -> Long.toString(r.nextLong());
            case 4 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) + "";
            case 5 -> List.of("yesterday", "NaN", "-Infinity", "1e999999999", "0x1F", "1,5", "١٢٣", "true ", "TRUE",
                    "yes", "-0", "+5", "00000000000000000000012").get(r.nextInt(13));
            case 6 -> String.format("%04d-%02d-%02d", r.nextInt(12000), r.nextInt(15), r.nextInt(35));
            case 7 -> String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", 1700 + r.nextInt(400), r.nextInt(14),
                    r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62), List.of("Z", "+02:00", "", "+25:00")
                            .get(r.nextInt(4)));
            case 8 -> UUID.randomUUID().toString();
            case 9 -> UUID.randomUUID().toString().substring(0, r.nextInt(36));
            case 10 -> List.of("account", "contact", "lead", "nope", "").get(r.nextInt(5)) + ":"
                    + (r.nextBoolean() ? UUID.randomUUID() : "x");
            case 11 -> "1-1-1-1-1";
            case 12 -> random(r, 1 + r.nextInt(300));
            case 13 -> List.of("Accounting", "consulting", "Active", "Inactive", "Male", "Hot", "Do Not Allow")
                    .get(r.nextInt(7));
            case 14 -> "\"" + random(r, 5) + "\n,\r";
            default -> Integer.toString(r.nextInt(40) - 5);
        };
    }

    static String random(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(r.nextInt(4) == 0 ? r.nextInt(0x10FFFF) & 0xFFFF : 32 + r.nextInt(95));
        }
        return b.toString();
    }

    @Test
    void randomCellsGiveAValueOrABadValueErrorAndNothingElse() {
        ColumnValues values = new ColumnValues(t -> client.table(t).entitySetName());
        Random r = new Random(18_24);
        int converted = 0;
        int refused = 0;
        for (int i = 0; i < 50_000; i++) {
            ColumnMetadata c = COLUMNS.get(r.nextInt(COLUMNS.size()));
            String text = cell(r);
            for (EmptyCells empty : EmptyCells.values()) {
                Map<String, Object> record = new LinkedHashMap<>();
                try {
                    values.put(record, c, text, empty, r.nextInt(10) == 0);
                    converted++;
                } catch (SluiceException e) {
                    refused++;
                    assertThat(e.kind()).as(c.logicalName() + " <- " + text).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).as(c.logicalName() + " <- " + text)
                            .satisfiesAnyOf(m -> assertThat(m).startsWith("column '" + c.wireName() + "' takes ")
                                            .contains(", not '"),
                                    m -> assertThat(m).startsWith("column '" + c.wireName() + "' is required"),
                                    m -> assertThat(m).startsWith("key column '" + c.wireName() + "' is empty"));
                }
            }
        }
        assertThat(converted).isGreaterThan(10_000);
        assertThat(refused).isGreaterThan(10_000);
    }

    @Test
    void aValueThatConvertsIsOfTheColumnsType() {
        ColumnValues values = new ColumnValues(t -> client.table(t).entitySetName());
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            ColumnMetadata c = COLUMNS.get(r.nextInt(COLUMNS.size()));
            Map.Entry<String, Object> e;
            try {
                e = values.convert(c, cell(r));
            } catch (SluiceException refused) {
                continue;
            }
            if (e == null || e.getValue() == null) {
                continue;
            }
            Object v = e.getValue();
            switch (c.type()) {
                case INTEGER, PICKLIST, STATE, STATUS -> assertThat(v).isInstanceOf(Integer.class);
                case BIGINT -> assertThat(v).isInstanceOf(Long.class);
                case DECIMAL, MONEY, DOUBLE -> assertThat(v).isInstanceOf(java.math.BigDecimal.class);
                case BOOLEAN -> assertThat(v).isInstanceOf(Boolean.class);
                case UNIQUEIDENTIFIER -> assertThat(v).isInstanceOf(UUID.class);
                case LOOKUP, CUSTOMER, OWNER -> assertThat(v).isInstanceOf(dev.sluice.dataverse.Lookup.class);
                case DATETIME -> assertThat(v.toString()).matches("\\d{4}-\\d{2}-\\d{2}(T.*Z)?");
                default -> assertThat(v).isInstanceOf(String.class);
            }
            if (c.type().hasOptions() && c.type() != dev.sluice.dataverse.AttributeType.BOOLEAN
                    && !c.options().isEmpty()) {
                assertThat(c.options()).containsKey((Integer) v);
            }
        }
    }
}
