package dev.sluice.emulator.internal.data;

import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The emulated org's rows, in memory. Reads run under a shared lock; writes run in a {@link Tx} under
 * the exclusive lock and are undone entirely when the work throws, so a failed request or change set
 * leaves nothing behind. Thread-safe.
 */
public final class OrgStore {
    private final OrgSchema schema;
    private final Clock clock;
    private final Map<String, TableData> tables = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong versions = new AtomicLong(1000);
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    public OrgStore(OrgSchema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
        for (TableDef t : schema.tables()) {
            tables.put(t.logicalName(), new TableData(t));
        }
    }

    public OrgSchema schema() {
        return schema;
    }

    public Clock clock() {
        return clock;
    }

    /** Runs {@code work} under the shared lock. */
    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} in a transaction under the exclusive lock. Nested calls join the outer
     * transaction; when the outermost work throws, every change it made is undone.
     */
    public <T> T write(Function<Tx, T> work) {
        Tx outer = current.get();
        if (outer != null) {
            return work.apply(outer);
        }
        lock.writeLock().lock();
        Tx tx = new Tx();
        current.set(tx);
        try {
            T result = work.apply(tx);
            return result;
        } catch (RuntimeException | Error e) {
            tx.rollback();
            throw e;
        } finally {
            current.remove();
            lock.writeLock().unlock();
        }
    }

    /** Loads rows without undo records (seeding at start-up). Alternate keys are still enforced. */
    public void load(TableDef table, Iterable<Row> rows) {
        lock.writeLock().lock();
        try {
            TableData d = data(table);
            for (Row r : rows) {
                d.put(null, r);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A new row version outside a transaction (seeding). */
    public long nextVersion() {
        return versions.incrementAndGet();
    }

    /** The latest row version handed out (change tracking's high-water mark). */
    public long currentVersion() {
        return versions.get();
    }

    /** Row by id, or null. Call under {@link #read} or {@link #write}. */
    public Row get(TableDef table, UUID id) {
        return data(table).get(id);
    }

    /** Id of the row whose alternate key has these values, or null. Call under a lock. */
    public UUID findByKey(TableDef table, KeyDef key, List<Object> values) {
        return data(table).findByKey(key, values);
    }

    /** All rows ordered by id (read-only view). Call under a lock and do not keep it. */
    public NavigableMap<UUID, Row> rows(TableDef table) {
        return data(table).rows();
    }

    /** Number of rows. Call under a lock. */
    public int count(TableDef table) {
        return data(table).size();
    }

    /** Tombstones of deleted rows, oldest first (read-only view). Call under a lock. */
    public List<Tombstone> tombstones(TableDef table) {
        return data(table).tombstones();
    }

    private TableData data(TableDef table) {
        TableData d = tables.get(table.logicalName());
        if (d == null) {
            throw new IllegalArgumentException("no table " + table.logicalName());
        }
        return d;
    }

    /** One unit of work: every change is recorded so that it can be undone. Confined to its thread. */
    public final class Tx {
        private final List<Runnable> undo = new ArrayList<>();

        private Tx() {}

        /** A new row version, greater than every one before. */
        public long nextVersion() {
            return versions.incrementAndGet();
        }

        public void insert(TableDef table, Row row) {
            TableData d = data(table);
            d.put(null, row);
            undo.add(() -> d.remove(row));
        }

        public void replace(TableDef table, Row previous, Row row) {
            TableData d = data(table);
            d.put(previous, row);
            undo.add(() -> {
                d.remove(row);
                d.put(null, previous);
            });
        }

        public void delete(TableDef table, Row row) {
            TableData d = data(table);
            d.remove(row);
            d.addTombstone(new Tombstone(row.id(), nextVersion()));
            undo.add(() -> {
                d.removeLastTombstone();
                d.put(null, row);
            });
        }

        private void rollback() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            undo.clear();
        }

        /** Savepoint: the number of changes so far; {@link #rollbackTo} undoes the ones after it. */
        public int savepoint() {
            return undo.size();
        }

        public void rollbackTo(int savepoint) {
            for (int i = undo.size() - 1; i >= savepoint; i--) {
                undo.remove(i).run();
            }
        }
    }
}
