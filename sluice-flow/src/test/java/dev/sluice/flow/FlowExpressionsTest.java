package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CEL in flows as people write it: numbers compare across int and double, money and decimal columns compute as
 * exact decimals, and a type mismatch says what to write instead, without CEL's protobuf names.
 */
class FlowExpressionsTest {
    static final TableSchema ACCOUNT = new TableSchema("account", List.of(
            column("revenue", ColumnKind.DECIMAL), column("latitude", ColumnKind.DOUBLE),
            column("employees", ColumnKind.INTEGER), column("name", ColumnKind.STRING)), List.of(), List.of());

    static ColumnSchema column(String name, ColumnKind kind) {
        return new ColumnSchema(name, kind, false, true, Map.of(), List.of());
    }

    static Object eval(String cel, Object... nameValue) {
        Object compiled = new ExpressionCompiler(ACCOUNT, List.of()).compile(cel);
        assertThat(compiled).as(String.valueOf(compiled)).isInstanceOf(Expression.class);
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            record.put((String) nameValue[i], nameValue[i + 1]);
        }
        return ((Expression) compiled).evaluate(record);
    }

    static String failure(String cel) {
        Object compiled = new ExpressionCompiler(ACCOUNT, List.of()).compile(cel);
        assertThat(compiled).isInstanceOf(ExpressionCompiler.Failure.class);
        return ((ExpressionCompiler.Failure) compiled).message();
    }

    @Test
    void numbersCompareAcrossIntAndDouble() {
        assertThat(eval("revenue > 100000", "revenue", new BigDecimal("150000.50"))).isEqualTo(true);
        assertThat(eval("revenue > 100000", "revenue", new BigDecimal("99999.99"))).isEqualTo(false);
        assertThat(eval("latitude > 50", "latitude", 52.37)).isEqualTo(true);
        assertThat(eval("employees >= 9.5", "employees", 10)).isEqualTo(true);
        assertThat(eval("revenue <= 2.5", "revenue", new BigDecimal("2.50"))).isEqualTo(true);
    }

    @Test
    void moneyAndDecimalColumnsComputeAsExactDecimals() {
        assertThat(eval("revenue * 0.92", "revenue", new BigDecimal("37317.97"))).isEqualTo(new BigDecimal("34332.5324"));
        assertThat(eval("revenue + 0.1 + 0.2", "revenue", new BigDecimal("0"))).isEqualTo(new BigDecimal("0.3"));
        assertThat(eval("revenue / 3", "revenue", new BigDecimal("10")))
                .isEqualTo(new BigDecimal("3.333333333333333333333333333333333"));
        assertThat(eval("revenue - employees", "revenue", new BigDecimal("1000.25"), "employees", 250))
                .isEqualTo(new BigDecimal("750.25"));
        assertThat(eval("-revenue * 2", "revenue", new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("-2000"));
        assertThat(eval("revenue == 1000", "revenue", new BigDecimal("1000.0000"))).isEqualTo(true);
        assertThat(eval("revenue == decimal('1000.00')", "revenue", new BigDecimal("1000.0000"))).isEqualTo(true);
        assertThat(eval("string(revenue)", "revenue", new BigDecimal("5000000.0000"))).isEqualTo("5000000");
        assertThat(eval("double(revenue) * 2.0", "revenue", new BigDecimal("1.5"))).isEqualTo(3.0);
        assertThat(eval("int(revenue)", "revenue", new BigDecimal("1234.99"))).isEqualTo(1234L);
        assertThat(eval("revenue == null ? dyn(null) : revenue * 0.92", "revenue", null)).isNull();
        assertThat(eval("row['revenue'] * 2", "revenue", new BigDecimal("0.1"))).isEqualTo(new BigDecimal("0.2"));
    }

    @Test
    void aTypeMismatchSaysWhatToWriteWithoutProtobufNames() {
        String m = failure("latitude * 2");
        assertThat(m).isEqualTo("CEL expression 'latitude * 2': operator '*' cannot take double and int; CEL does not "
                + "mix int and double: write whole numbers as doubles (100000.0 rather than 100000) or convert with "
                + "double(…)");
        assertThat(failure("revenue + name")).contains("operator '+' cannot take decimal and string")
                .contains("decimal(…)").doesNotContain("google.protobuf");
    }

    @Test
    void aDivisionByZeroOrNonNumberFailsTheRecordWithAReason() {
        assertThatThrownBy(() -> eval("revenue / 0", "revenue", new BigDecimal("1")))
                .isInstanceOf(SluiceException.class).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> eval("revenue * 2", "revenue", "lots"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("expression 'revenue * 2' failed: column 'revenue' holds 'lots', which is not a number");
    }

    @Test
    void aFlowFiltersAndMapsMoneyExactlyIntoADecimalColumn(@TempDir Path dir) {
        String db = Fixture.h2();
        Fixture.sql(db, "CREATE TABLE src (id INTEGER PRIMARY KEY, revenue DECIMAL(19,4))");
        Fixture.sql(db, "INSERT INTO src VALUES (1, 37317.9700), (2, 90000.0000), (3, 150000.1000)");
        Fixture.sql(db, "CREATE TABLE dst (id INTEGER PRIMARY KEY, revenue_eur DECIMAL(19,4))");
        ConnectionResolver resolver = ConnectionResolver.of(Map.of("db", new JdbcRecordProvider(db, "sa", null)));
        String yaml = """
                flow: money
                source: { connection: db, table: src, where: "revenue > 100000 || revenue < 40000" }
                map:
                  id: id
                  revenue_eur: "revenue * 0.92"
                target: { connection: db, table: dst, write: upsert, key: [id] }
                """;
        try (CheckedFlow flow = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("money.yaml", yaml));
                var store = Fixture.store(dir)) {
            new FlowRunner(store.flows()).run(flow, RunOptions.DEFAULTS);
        }
        assertThat(Fixture.rows(db, "SELECT id, revenue_eur FROM dst ORDER BY id"))
                .containsExactly("1|34332.5324", "3|138000.0920");
    }
}
