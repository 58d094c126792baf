package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.WherePlan;
import dev.sluice.flow.internal.WherePushDown;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which parts of a CEL {@code where} reach the source, and that pushing them down never changes which records a
 * flow takes: on a real H2 table with nulls, mixed case and edge values, the pushed SQL plus the in-memory rest
 * selects exactly the records the whole condition selects in memory.
 */
class WherePushDownTest {
    static String db;
    static JdbcRecordProvider h2;
    static TableSchema table;
    static ExpressionCompiler cel;

    @BeforeAll
    static void start() {
        db = Fixture.h2();
        Fixture.sql(db, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(50), revenue DECIMAL(12,2), "
                        + "employees INTEGER, active BOOLEAN, created TIMESTAMP WITH TIME ZONE, ref UUID)",
                "INSERT INTO accounts VALUES (1, 'Ada', 1500.50, 10, TRUE, TIMESTAMP WITH TIME ZONE "
                        + "'2024-01-01 00:00:00+00', '6f0f2a1e-1111-4c3b-9a7e-2c5d0d8e1a01')",
                "INSERT INTO accounts VALUES (2, 'ada', 900, 3, FALSE, TIMESTAMP WITH TIME ZONE "
                        + "'2023-06-01 12:00:00+00', NULL)",
                "INSERT INTO accounts VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO accounts VALUES (4, 'Alan 50%_off', 1000, 0, TRUE, TIMESTAMP WITH TIME ZONE "
                        + "'2025-03-01 00:00:00+00', '6f0f2a1e-2222-4c3b-9a7e-2c5d0d8e1a02')",
                "INSERT INTO accounts VALUES (5, 'Grace', -5, 7, FALSE, TIMESTAMP WITH TIME ZONE "
                        + "'2024-01-01 00:00:00+00', NULL)");
        h2 = new JdbcRecordProvider(db, "sa", null);
        table = h2.describe("accounts");
        cel = new ExpressionCompiler(table, List.of());
    }

    private static Expression compile(String text) {
        return (Expression) cel.compile(text);
    }

    private static WherePlan plan(String where, WherePushDown.Dialect dialect) {
        return WherePushDown.plan(compile(where), table, dialect, cel);
    }

    @Test
    void comparisonsAndStringFunctionsArePushedAndTheRestStaysInMemory() {
        WherePlan p = plan("revenue > 1000.0 && name.startsWith('A') && size(name) > 3", WherePushDown.Dialect.SQL);
        assertThat(p.pushed()).isEqualTo(Where.and(new Where.Compare("revenue", Where.Op.GT, new BigDecimal("1000.0")),
                new Where.Compare("name", Where.Op.STARTS_WITH, "A")));
        assertThat(p.pushedText()).isEqualTo("revenue > 1000.0 && name.startsWith(\"A\")");
        assertThat(p.inMemoryText()).isEqualTo("size(name) > 3");
        assertThat(p.describe()).isEqualTo("where: pushed down to the source: revenue > 1000.0 && "
                + "name.startsWith(\"A\"); checked in memory: size(name) > 3");
    }

    @Test
    void notEqualKeepsNullsAsCelDoes() {
        assertThat(plan("name != 'Ada'", WherePushDown.Dialect.SQL).pushed()).isEqualTo(Where.or(
                new Where.Compare("name", Where.Op.NE, "Ada"), new Where.IsNull("name", false)));
    }

    @Test
    void booleansTimestampsListsFlippedAndRowLookupsArePushed() {
        assertThat(plan("active", WherePushDown.Dialect.SQL).pushed()).isEqualTo(Where.eq("active", true));
        assertThat(plan("!active", WherePushDown.Dialect.SQL).pushed()).isEqualTo(Where.eq("active", false));
        assertThat(plan("employees in [1, 2]", WherePushDown.Dialect.SQL).pushed())
                .isEqualTo(new Where.In("employees", List.of(1L, 2L)));
        assertThat(plan("-5 < employees", WherePushDown.Dialect.SQL).pushed())
                .isEqualTo(new Where.Compare("employees", Where.Op.GT, -5L));
        assertThat(plan("created >= timestamp('2024-01-01T00:00:00Z')", WherePushDown.Dialect.SQL).pushed())
                .isEqualTo(new Where.Compare("created", Where.Op.GE, Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(plan("row['name'] == 'x'", WherePushDown.Dialect.SQL).pushed()).isEqualTo(Where.eq("name", "x"));
        assertThat(plan("name == null", WherePushDown.Dialect.SQL).pushed()).isEqualTo(new Where.IsNull("name", false));
    }

    @Test
    void whatCannotBeTranslatedStaysWholeInMemory() {
        WherePlan p = plan("revenue > 10.0 || name.matches('^A')", WherePushDown.Dialect.SQL);
        assertThat(p.pushed()).isNull();
        assertThat(p.inMemoryText()).isEqualTo("revenue > 10.0 || name.matches('^A')");
        assertThat(plan("employees * 2 > 10", WherePushDown.Dialect.SQL).pushed()).isNull();
        assertThat(plan("name == string(employees)", WherePushDown.Dialect.SQL).pushed()).isNull();
    }

    @Test
    void dataverseTextConditionsArePushedAsASupersetAndCheckedAgain() {
        WherePlan eq = plan("name == 'Ada' && employees > 5", WherePushDown.Dialect.DATAVERSE);
        assertThat(eq.pushed()).isEqualTo(Where.and(Where.eq("name", "Ada"),
                new Where.Compare("employees", Where.Op.GT, 5L)));
        assertThat(eq.inMemoryText()).isEqualTo("name == \"Ada\"");
        assertThat(eq.describe()).contains("Dataverse compares text ignoring case");
        assertThat(plan("name != 'Ada'", WherePushDown.Dialect.DATAVERSE).pushed()).isNull();
        assertThat(plan("name.startsWith('50%')", WherePushDown.Dialect.DATAVERSE).pushed()).isNull();
        assertThat(plan("name < 'B'", WherePushDown.Dialect.SQL).pushed()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "name == 'Ada'",
        "name != 'Ada'",
        "name == null",
        "name != null && name.startsWith('A')",
        "name != null && name.contains('50%_')",
        "name != null && name.endsWith('a')",
        "revenue != null && revenue >= 1000.0",
        "revenue != null && revenue > 999.0 && active == true",
        "employees in [0, 3, 7]",
        "!(employees in [0, 3])",
        "!(employees == 10)",
        "active || employees == 3",
        "!active",
        "created != null && created < timestamp('2024-01-01T00:00:01Z')",
        "ref == '6f0f2a1e-1111-4c3b-9a7e-2c5d0d8e1a01'",
        "row['name'] == 'Grace' || revenue == null",
        "employees != null && employees * 2 > 10 && name != null"
    })
    void pushingDownSelectsExactlyTheRecordsTheWholeConditionSelects(String where) {
        Expression whole = compile(where);
        List<Map<String, Object>> all = h2.search(SearchRequest.all("accounts")).toList();
        String expected = all.stream().filter(r -> matches(whole, r)).map(r -> r.get("id").toString())
                .collect(Collectors.joining(","));
        WherePlan p = WherePushDown.plan(whole, table, WherePushDown.Dialect.SQL, cel);
        assertThat(p.pushed()).as("something of '%s' is pushed", where).isNotNull();
        String actual = h2.search(new SearchRequest("accounts", List.of(), p.pushed(), List.of("id"), null))
                .filter(r -> p.inMemory() == null || matches(p.inMemory(), r)).map(r -> r.get("id").toString())
                .collect(Collectors.joining(","));
        assertThat(actual).as(where).isEqualTo(expected);
    }

    /** CEL's verdict; a record CEL cannot evaluate (a null in arithmetic) is not taken. */
    private static boolean matches(Expression x, Map<String, Object> r) {
        try {
            return Boolean.TRUE.equals(x.evaluate(r));
        } catch (dev.sluice.core.SluiceException e) {
            return false;
        }
    }
}
