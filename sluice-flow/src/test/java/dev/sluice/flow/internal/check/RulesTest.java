package dev.sluice.flow.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.FlowParser;
import dev.sluice.flow.ParsedFlow;
import dev.sluice.flow.internal.ExpressionCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the validator on its own: a parsed flow and tables described in code, no connection opened. The
 * rules' providers are absent, which a rule reads as "not a Dataverse, JDBC or file provider".
 */
class RulesTest {
    private static final TableSchema SOURCE = new TableSchema("people", List.of(column("id", ColumnKind.STRING),
            column("email", ColumnKind.STRING), column("age", ColumnKind.INTEGER), column("ok", ColumnKind.BOOLEAN)),
            List.of("id"), List.of());
    private static final TableSchema TARGET = new TableSchema("contacts", List.of(column("id", ColumnKind.STRING),
            column("email", ColumnKind.STRING), column("age", ColumnKind.INTEGER),
            column("gone", ColumnKind.INTEGER)), List.of("id"), List.of(List.of("email")));

    private static ColumnSchema column(String name, ColumnKind kind) {
        return new ColumnSchema(name, kind, false, true, Map.of(), List.of());
    }

    private static FlowCheck check(String source, String map, String target) {
        ParsedFlow flow = FlowParser.parse("p.yaml", """
                flow: people
                source:
                %s
                map:
                %s
                target:
                %s
                """.formatted(source.indent(2).stripTrailing(), map.indent(2).stripTrailing(),
                target.indent(2).stripTrailing()));
        return new FlowCheck(flow);
    }

    private static Sides sides() {
        return new Sides(null, null, SOURCE, null, null, TARGET);
    }

    private static List<String> messages(FlowCheck c) {
        return c.problems().stream().map(Object::toString).toList();
    }

    @Test
    void aWatermarkColumnMustGrowWithEveryChange() {
        FlowCheck c = check("connection: a\ntable: people\nincremental: {watermark: ok}", "id: id",
                "connection: b\ntable: contacts\nwrite: upsert\nkey: [id]");
        SourceColumnsCheck.check(c, sides());
        assertThat(messages(c)).containsExactly("p.yaml:5:28: watermark column 'ok' is boolean; it must be a "
                + "date-time, number or text that grows with every change");
    }

    @Test
    void changeTrackingNeedsADataverseSource() {
        FlowCheck c = check("connection: a\ntable: people\nincremental: change-tracking", "id: id",
                "connection: b\ntable: contacts\nwrite: upsert\nkey: [id]");
        SourceColumnsCheck.check(c, sides());
        assertThat(messages(c)).containsExactly("p.yaml:5:16: change tracking needs a Dataverse source; use "
                + "'incremental: {watermark: COLUMN}' for connection 'a'");
    }

    @Test
    void selectedColumnsAreReadWithThePrimaryKey() {
        FlowCheck c = check("connection: a\ntable: people\nselect: [email]", "email: email",
                "connection: b\ntable: contacts\nwrite: create");
        assertThat(SourceColumnsCheck.check(c, sides())).containsExactly("email", "id");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void aKeyColumnMustBeMapped() {
        FlowCheck c = check("connection: a\ntable: people", "id: id",
                "connection: b\ntable: contacts\nwrite: upsert\nkey: [email]");
        assertThat(TargetKeyCheck.check(c, sides())).containsExactly("email");
        assertThat(messages(c)).containsExactly("p.yaml:11:9: key column 'email' is not mapped; add it to 'map' so "
                + "every record has a key");
    }

    @Test
    void aKeyMustBeAUniqueKeyOfTheTarget() {
        FlowCheck c = check("connection: a\ntable: people", "age: age",
                "connection: b\ntable: contacts\nwrite: upsert\nkey: [age]");
        TargetKeyCheck.check(c, sides());
        assertThat(messages(c)).containsExactly("p.yaml:11:8: key [age] is not a unique key of 'contacts'; its "
                + "unique keys are [[id], [email]]");
    }

    @Test
    void anExpressionMustFitItsTargetColumnsType() {
        FlowCheck c = check("connection: a\ntable: people", "age: ok",
                "connection: b\ntable: contacts\nwrite: create");
        ExpressionCompiler cel = new ExpressionCompiler(SOURCE, List.of());
        assertThat(MapCheck.check(c, cel, sides())).isEmpty();
        assertThat(messages(c)).containsExactly("p.yaml:6:8: column 'ok' gives bool but target column 'age' is "
                + "integer");
    }

    @Test
    void aMarkColumnMustTakeATimeOrAFlag() {
        FlowCheck c = check("connection: a\ntable: people", "id: id",
                "connection: b\ntable: contacts\nwrite: upsert\nkey: [id]\non-delete: mark\nmark-column: gone");
        OnDeleteCheck.Deletes deletes = OnDeleteCheck.check(c, new ExpressionCompiler(SOURCE, List.of()), sides(),
                List.of());
        assertThat(deletes.markColumn()).isNull();
        assertThat(messages(c)).containsExactly("p.yaml:13:16: mark column 'gone' is integer; it must be a "
                + "date-time (set to when the deletion was seen) or a boolean (set to true)");
    }
}
