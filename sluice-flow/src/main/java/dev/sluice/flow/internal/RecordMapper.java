package dev.sluice.flow.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a source record to a target record by the flow's column rules. Thread-safe. */
public final class RecordMapper {
    private final List<ColumnRule> rules;

    public RecordMapper(List<ColumnRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The target record; INVALID_INPUT naming the target column when a value cannot be mapped. */
    public Map<String, Object> map(Map<String, Object> source) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ColumnRule r : rules) {
            Object v;
            try {
                v = r.value().apply(source);
            } catch (SluiceException e) {
                throw new SluiceException(e.kind(), "map '" + r.mapKey() + "': " + e.getMessage());
            } catch (RuntimeException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "map '" + r.mapKey() + "': "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
            }
            if (v != ColumnRule.OMIT) {
                out.put(r.writeName(), v);
            }
        }
        return out;
    }
}
