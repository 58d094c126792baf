package dev.sluice.flow.internal;

import com.google.protobuf.Timestamp;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.sluice.core.ColumnKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converts between record values and CEL's: column kinds to CEL types, values in and out. Stateless. */
public final class CelValues {
    /** The whole source record as a map, for columns whose names are not CEL identifiers. */
    public static final String ROW = "row";
    public static final CelType ROW_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private CelValues() {}

    /** The CEL type a column of this kind is declared with; nullable where CEL has a wrapper type. */
    public static CelType type(ColumnKind kind) {
        return switch (kind) {
            case STRING, GUID, LOOKUP -> NullableType.create(SimpleType.STRING);
            case INTEGER, CHOICE -> NullableType.create(SimpleType.INT);
            case DECIMAL -> CelDecimal.TYPE;
            case DOUBLE -> NullableType.create(SimpleType.DOUBLE);
            case BOOLEAN -> NullableType.create(SimpleType.BOOL);
            case DATETIME -> SimpleType.TIMESTAMP;
            case OTHER -> SimpleType.DYN;
        };
    }

    /**
     * A record value as CEL sees it: integers as long, decimals as {@link CelDecimal}s, floats as double, times as
     * timestamps, null as CEL null.
     */
    public static Object in(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal) {
            return CelDecimal.of(v);
        }
        if (v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Instant i) {
            return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
        }
        if (v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean) {
            return v;
        }
        return v.toString();
    }

    /** A value of a variable declared with {@code type}: a decimal column's value as a decimal, a double's as double. */
    public static Object in(Object v, CelType type) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (type == CelDecimal.TYPE) {
            return CelDecimal.of(v);
        }
        if (v instanceof Number n && type.equals(NullableType.create(SimpleType.DOUBLE))) {
            return n.doubleValue();
        }
        return in(v);
    }

    /** The whole record as CEL's {@code row} map. */
    public static Map<String, Object> row(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((k, v) -> out.put(k, in(v)));
        return out;
    }

    /** A CEL result as a record value: timestamps become Instants, CEL null becomes null. */
    public static Object out(Object v) {
        if (v == null || v instanceof NullValue) {
            return null;
        }
        if (v instanceof CelDecimal.Value d) {
            return d.plain();
        }
        if (v instanceof Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        }
        if (v instanceof com.google.common.primitives.UnsignedLong u) {
            return u.longValue();
        }
        return v;
    }

    /** Whether a name can be a CEL variable. */
    public static boolean identifier(String name) {
        return name.matches("[_a-zA-Z][_a-zA-Z0-9]*") && !CelReserved.WORDS.contains(name);
    }
}
