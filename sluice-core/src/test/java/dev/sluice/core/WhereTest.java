package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhereTest {
    @Test
    void theShortcutsBuildTheRecords() {
        assertThat(Where.eq("name", "Contoso")).isEqualTo(new Where.Compare("name", Where.Op.EQ, "Contoso"));
        Where both = Where.and(Where.eq("a", 1), new Where.IsNull("b", true));
        assertThat(both).isEqualTo(new Where.And(List.of(new Where.Compare("a", Where.Op.EQ, 1),
                new Where.IsNull("b", true))));
        assertThat(Where.or(Where.eq("a", 1))).isInstanceOf(Where.Or.class);
    }

    @Test
    void listsAreCopiedSoALaterChangeToTheCallersListChangesNothing() {
        List<Object> values = new ArrayList<>(List.of(1, 2));
        Where.In in = new Where.In("id", values);
        values.add(3);
        assertThat(List.<Object>copyOf(in.values())).containsExactly(1, 2);
        assertThatThrownBy(() -> in.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        List<Where> parts = new ArrayList<>(List.of(Where.eq("a", 1)));
        Where.And and = new Where.And(parts);
        parts.clear();
        assertThat(and.parts()).hasSize(1);
    }

    @Test
    void aNullValueInAnInListIsRefusedRatherThanMatchedByAccident() {
        // IS NULL is said with IsNull; a null among In values would mean different things to OData and SQL
        assertThatThrownBy(() -> new Where.In("id", java.util.Arrays.asList(1, null)))
                .isInstanceOf(NullPointerException.class);
    }
}
