package dev.sluice.emulator.internal.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link TableDef} and adds the columns every Dataverse table has: createdon, modifiedon,
 * createdby, modifiedby, versionnumber; ownerid and owningbusinessunit on user-owned tables; a default
 * statecode/statuscode pair when the table declares none. Not thread-safe.
 */
public final class TableBuilder {
    private final String logicalName;
    private final String entitySetName;
    private final String displayName;
    private String primaryName;
    private boolean userOwned = true;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<KeyDef> keys = new ArrayList<>();

    private TableBuilder(String logicalName, String entitySetName, String displayName) {
        this.logicalName = logicalName;
        this.entitySetName = entitySetName;
        this.displayName = displayName;
        columns.add(new ColumnDef(logicalName + "id", ColumnType.UNIQUEIDENTIFIER, displayName, 0, false, false,
                null, null));
    }

    public static TableBuilder table(String logicalName, String entitySetName, String displayName) {
        return new TableBuilder(logicalName, entitySetName, displayName);
    }

    public TableBuilder primaryName(String column) {
        this.primaryName = column;
        return this;
    }

    /** Organization-owned: no ownerid. */
    public TableBuilder organizationOwned() {
        this.userOwned = false;
        return this;
    }

    public TableBuilder column(ColumnDef column) {
        columns.add(column);
        return this;
    }

    public TableBuilder string(String name, int maxLength, String label) {
        return column(new ColumnDef(name, ColumnType.STRING, label, maxLength, false, false, null, null));
    }

    public TableBuilder requiredString(String name, int maxLength, String label) {
        return column(new ColumnDef(name, ColumnType.STRING, label, maxLength, true, false, null, null));
    }

    public TableBuilder memo(String name, int maxLength, String label) {
        return column(new ColumnDef(name, ColumnType.MEMO, label, maxLength, false, false, null, null));
    }

    public TableBuilder of(ColumnType type, String name, String label) {
        return column(new ColumnDef(name, type, label, 0, false, false, null, null));
    }

    public TableBuilder choice(String name, String label, OptionDef... options) {
        return column(new ColumnDef(name, ColumnType.PICKLIST, label, 0, false, false, List.of(options), null));
    }

    public TableBuilder yesNo(String name, String label, String no, String yes) {
        return column(new ColumnDef(name, ColumnType.BOOLEAN, label, 0, false, false,
                List.of(new OptionDef(0, no), new OptionDef(1, yes)), null));
    }

    public TableBuilder lookup(String name, String label, String target, String relationship) {
        return column(new ColumnDef(name, ColumnType.LOOKUP, label, 0, false, false, null,
                List.of(new LookupTarget(target, relationship))));
    }

    public TableBuilder customer(String name, String label, String accountRelationship, String contactRelationship) {
        return column(new ColumnDef(name, ColumnType.CUSTOMER, label, 0, false, false, null,
                List.of(new LookupTarget("account", accountRelationship),
                        new LookupTarget("contact", contactRelationship))));
    }

    /** statecode and statuscode; each status option names its state. */
    public TableBuilder states(List<OptionDef> states, List<OptionDef> statuses) {
        column(new ColumnDef("statecode", ColumnType.STATE, "Status", 0, false, false, states, null));
        return column(new ColumnDef("statuscode", ColumnType.STATUS, "Status Reason", 0, false, false, statuses, null));
    }

    public TableBuilder key(String name, String... columns) {
        keys.add(new KeyDef(name, List.of(columns)));
        return this;
    }

    public TableDef build() {
        List<ColumnDef> all = new ArrayList<>(columns);
        boolean hasState = all.stream().anyMatch(c -> c.name().equals("statecode"));
        if (!hasState) {
            all.add(new ColumnDef("statecode", ColumnType.STATE, "Status", 0, false, false,
                    List.of(new OptionDef(0, "Active"), new OptionDef(1, "Inactive")), null));
            all.add(new ColumnDef("statuscode", ColumnType.STATUS, "Status Reason", 0, false, false,
                    List.of(new OptionDef(1, "Active", 0), new OptionDef(2, "Inactive", 1)), null));
        }
        all.add(system("createdon", ColumnType.DATETIME, "Created On", null));
        all.add(system("modifiedon", ColumnType.DATETIME, "Modified On", null));
        all.add(system("createdby", ColumnType.LOOKUP, "Created By",
                List.of(new LookupTarget("systemuser", "lk_" + logicalName + "_createdby"))));
        all.add(system("modifiedby", ColumnType.LOOKUP, "Modified By",
                List.of(new LookupTarget("systemuser", "lk_" + logicalName + "_modifiedby"))));
        all.add(system("versionnumber", ColumnType.BIGINT, "Version Number", null));
        if (userOwned) {
            all.add(new ColumnDef("ownerid", ColumnType.OWNER, "Owner", 0, false, false, null,
                    List.of(new LookupTarget("systemuser", "user_" + entitySetName))));
            all.add(system("owningbusinessunit", ColumnType.LOOKUP, "Owning Business Unit",
                    List.of(new LookupTarget("businessunit", "business_unit_" + entitySetName))));
        }
        return new TableDef(logicalName, entitySetName, displayName, logicalName + "id", primaryName, all, keys,
                userOwned);
    }

    private static ColumnDef system(String name, ColumnType type, String label, List<LookupTarget> targets) {
        return new ColumnDef(name, type, label, 0, false, true, null, targets);
    }
}
