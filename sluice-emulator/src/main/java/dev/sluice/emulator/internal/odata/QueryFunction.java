package dev.sluice.emulator.internal.odata;

import java.util.HashMap;
import java.util.Map;

/**
 * The Dataverse query functions the emulator evaluates in {@code $filter}, called fully qualified as
 * {@code Microsoft.Dynamics.CRM.Name(PropertyName='col',…)} (fact sheet §C.3). Each takes a column
 * name and either nothing, one {@code PropertyValue} or a {@code PropertyValues} list. Immutable.
 */
public enum QueryFunction {
    IN("In", Argument.VALUES),
    NOT_IN("NotIn", Argument.VALUES),
    BETWEEN("Between", Argument.VALUES),
    NOT_BETWEEN("NotBetween", Argument.VALUES),
    TODAY("Today", Argument.NONE),
    YESTERDAY("Yesterday", Argument.NONE),
    TOMORROW("Tomorrow", Argument.NONE),
    LAST_7_DAYS("Last7Days", Argument.NONE),
    NEXT_7_DAYS("Next7Days", Argument.NONE),
    LAST_X_HOURS("LastXHours", Argument.VALUE),
    LAST_X_DAYS("LastXDays", Argument.VALUE),
    LAST_X_WEEKS("LastXWeeks", Argument.VALUE),
    LAST_X_MONTHS("LastXMonths", Argument.VALUE),
    LAST_X_YEARS("LastXYears", Argument.VALUE),
    NEXT_X_HOURS("NextXHours", Argument.VALUE),
    NEXT_X_DAYS("NextXDays", Argument.VALUE),
    NEXT_X_WEEKS("NextXWeeks", Argument.VALUE),
    NEXT_X_MONTHS("NextXMonths", Argument.VALUE),
    NEXT_X_YEARS("NextXYears", Argument.VALUE),
    OLDER_THAN_X_MINUTES("OlderThanXMinutes", Argument.VALUE),
    OLDER_THAN_X_HOURS("OlderThanXHours", Argument.VALUE),
    OLDER_THAN_X_DAYS("OlderThanXDays", Argument.VALUE),
    OLDER_THAN_X_WEEKS("OlderThanXWeeks", Argument.VALUE),
    OLDER_THAN_X_MONTHS("OlderThanXMonths", Argument.VALUE),
    OLDER_THAN_X_YEARS("OlderThanXYears", Argument.VALUE),
    ON("On", Argument.VALUE),
    ON_OR_AFTER("OnOrAfter", Argument.VALUE),
    ON_OR_BEFORE("OnOrBefore", Argument.VALUE),
    EQUAL_USER_ID("EqualUserId", Argument.NONE),
    NOT_EQUAL_USER_ID("NotEqualUserId", Argument.NONE);

    /** What a function takes besides {@code PropertyName}. */
    public enum Argument { NONE, VALUE, VALUES }

    private static final Map<String, QueryFunction> BY_NAME = new HashMap<>();

    static {
        for (QueryFunction f : values()) {
            BY_NAME.put(f.functionName, f);
        }
    }

    private final String functionName;
    private final Argument argument;

    QueryFunction(String functionName, Argument argument) {
        this.functionName = functionName;
        this.argument = argument;
    }

    /** The unqualified name, e.g. {@code LastXDays}. */
    public String functionName() {
        return functionName;
    }

    public Argument argument() {
        return argument;
    }

    /** The function with this unqualified name (case-sensitive, as Dataverse), or null. */
    public static QueryFunction byName(String name) {
        return BY_NAME.get(name);
    }
}
