package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.query.Values;
import dev.sluice.emulator.internal.schema.ColumnType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups and aggregates joined rows, for FetchXML {@code aggregate='true'} and OData {@code $apply}
 * (fetchxml/aggregate-data.md): {@code count} counts rows, {@code countcolumn} non-null values (distinct ones with
 * {@code distinct='true'}), {@code sum}/{@code avg}/{@code min}/{@code max} ignore nulls; a sum of no values is 0 (as
 * the documented example shows), an average, minimum or maximum of none is null. An average of whole numbers is a
 * whole number (SQL Server's AVG). Text groups compare case-insensitively. Date groups are UTC parts: day of month,
 * week of year (weeks start on Sunday, week 1 holds January 1), month, quarter, year. More rows than the limit is
 * Dataverse's {@code AggregateQueryRecordLimitExceeded}. Not thread-safe; one per request.
 */
final class Aggregation {
    private static final WeekFields WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 1);

    private final List<FetchPlan.Aggregate> columns;
    private final int limit;
    private final Map<List<Object>, Group> groups = new LinkedHashMap<>();
    private int rows;

    Aggregation(List<FetchPlan.Aggregate> columns, int limit) {
        this.columns = columns;
        this.limit = limit;
    }

    /** One group's representative values and running aggregates. */
    private final class Group {
        final Object[] values = new Object[columns.size()];
        final long[] counts = new long[columns.size()];
        final BigDecimal[] sums = new BigDecimal[columns.size()];
        final Object[] extremes = new Object[columns.size()];
        final List<Set<Object>> distinct = new ArrayList<>();

        Group() {
            for (int i = 0; i < columns.size(); i++) {
                distinct.add(columns.get(i).distinct() ? new HashSet<>() : null);
            }
        }
    }

    /** Adds one joined row. */
    void add(Row[] frame) {
        if (++rows > limit) {
            throw FetchErrors.aggregateLimit(limit);
        }
        List<Object> key = new ArrayList<>();
        Object[] groupValues = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            FetchPlan.Aggregate a = columns.get(i);
            if (a.group()) {
                Object v = raw(frame, a);
                if (v != null && a.dateGrouping() != null) {
                    v = datePart((Instant) v, a.dateGrouping());
                }
                groupValues[i] = v;
                key.add(v instanceof String s ? s.toLowerCase(Locale.ROOT) : Values.normalize(v));
            }
        }
        Group g = groups.computeIfAbsent(key, k -> {
            Group n = new Group();
            System.arraycopy(groupValues, 0, n.values, 0, groupValues.length);
            return n;
        });
        for (int i = 0; i < columns.size(); i++) {
            FetchPlan.Aggregate a = columns.get(i);
            if (a.group()) {
                continue;
            }
            Object v = raw(frame, a);
            switch (a.function()) {
                case "count" -> g.counts[i]++;
                case "countcolumn" -> {
                    if (v != null && (g.distinct.get(i) == null || g.distinct.get(i).add(distinctKey(v)))) {
                        g.counts[i]++;
                    }
                }
                case "sum", "avg" -> {
                    if (v != null) {
                        g.counts[i]++;
                        BigDecimal d = Values.decimal((Number) v);
                        g.sums[i] = g.sums[i] == null ? d : g.sums[i].add(d);
                    }
                }
                default -> {
                    if (v != null) {
                        Object n = Values.normalize(v);
                        Object cur = g.extremes[i];
                        int c = cur == null ? 1 : Values.compare(n, Values.normalize(cur));
                        if (cur == null || (a.function().equals("max") ? c > 0 : c < 0)) {
                            g.extremes[i] = v;
                        }
                    }
                }
            }
        }
    }

    /** The result rows, one value per column (null for none), groups ordered by their values, nulls first. */
    List<Object[]> result() {
        List<Object[]> out = new ArrayList<>();
        if (groups.isEmpty() && columns.stream().noneMatch(FetchPlan.Aggregate::group)) {
            groups.put(List.of(), new Group());
        }
        for (Group g : groups.values()) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                FetchPlan.Aggregate a = columns.get(i);
                row[i] = a.group() ? g.values[i] : value(a, g, i);
            }
            out.add(row);
        }
        out.sort((x, y) -> {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).group()) {
                    int c = Values.compareNullsFirst(Values.normalize(x[i]), Values.normalize(y[i]));
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return 0;
        });
        return out;
    }

    private Object value(FetchPlan.Aggregate a, Group g, int i) {
        ColumnType t = a.def().type();
        return switch (a.function()) {
            case "count", "countcolumn" -> (int) g.counts[i];
            case "sum" -> typed(g.sums[i] == null ? BigDecimal.ZERO : g.sums[i], t);
            case "avg" -> g.counts[i] == 0 ? null : average(g.sums[i], g.counts[i], t);
            default -> g.extremes[i];
        };
    }

    private static Object average(BigDecimal sum, long n, ColumnType t) {
        if (t == ColumnType.INTEGER || t == ColumnType.BIGINT) {
            return typed(sum.divide(BigDecimal.valueOf(n), 0, RoundingMode.DOWN), t);
        }
        if (t == ColumnType.DOUBLE) {
            return sum.doubleValue() / n;
        }
        return sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64).setScale(t == ColumnType.MONEY ? 4 : 10,
                RoundingMode.HALF_EVEN);
    }

    private static Object typed(BigDecimal d, ColumnType t) {
        return switch (t) {
            case INTEGER -> d.intValueExact();
            case BIGINT -> d.longValueExact();
            case DOUBLE -> d.doubleValue();
            case MONEY -> d.setScale(4, RoundingMode.HALF_EVEN);
            default -> d;
        };
    }

    private static Object raw(Row[] frame, FetchPlan.Aggregate a) {
        Row r = frame[a.node()];
        return r == null ? null : r.get(a.column());
    }

    private static Object distinctKey(Object v) {
        Object n = Values.normalize(v);
        return n instanceof String s ? s.toLowerCase(Locale.ROOT) : n instanceof Number x
                ? Values.decimal(x).stripTrailingZeros() : n;
    }

    /** The UTC part of a date for {@code dategrouping}. */
    static int datePart(Instant t, String grouping) {
        ZonedDateTime d = t.atZone(ZoneOffset.UTC);
        return switch (grouping) {
            case "day" -> d.getDayOfMonth();
            case "week" -> d.get(WEEKS.weekOfYear());
            case "month" -> d.getMonthValue();
            case "quarter" -> (d.getMonthValue() - 1) / 3 + 1;
            default -> d.getYear();
        };
    }
}
