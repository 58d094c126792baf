package dev.sluice.flow;

import dev.sluice.core.SluiceException;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.flow.internal.run.TargetKeys;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a change-tracking flow that writes by a key other than the source's id remembers: for every source row it
 * wrote, the target key it was written under and a digest of the record written, kept (sealed) in the engine store.
 * Dataverse reports a deleted row by its id only. When a chunk is read, {@link #recall} looks its source ids up (one
 * store query per chunk, so a million remembered rows never sit in the heap) and drops the rows written exactly so
 * before (an echo of another flow writing the same values back); at the chunk's commit, {@link #resolve} deletes or
 * marks the target rows of ids that are gone (deleted at the source, or no longer matching {@code where}) and the
 * rows a changed key left behind, and answers what to save with the chunk's checkpoint. A target row another source
 * row is still written under is left alone. A read holds each source id once (Dataverse change tracking gives each
 * changed row's latest state), so looking up chunk N+1 while chunk N is written sees what it needs. Thread-safe.
 */
final class KeyMemory {
    /** One change to the memory: remember {@code key} for {@code id}, or forget {@code id} (key null). */
    record Change(int from, String id, FlowStore.SourceKey key) {}

    /**
     * What the memory did for one chunk.
     *
     * @param counts rows deleted (or marked), gone ids skipped, deletions rejected
     * @param dead dead letters of deletions that failed
     * @param stopAt the source record index a failed deletion stopped at ({@code errors: fail}), or -1
     * @param stop why, or null
     * @param changes the memory changes, in source record order
     * @param sample what a dry run would delete or mark
     */
    record Step(FlowCounts counts, List<FlowStore.NewDeadLetter> dead, int stopAt, SluiceException stop,
            List<Change> changes, List<Map<String, Object>> sample) {

        /** The changes of the source records before {@code stopAt} (all of them when it is negative). */
        FlowStore.SourceKeyChanges before(int stopAt) {
            Map<String, FlowStore.SourceKey> remember = new LinkedHashMap<>();
            Set<String> forget = new HashSet<>();
            for (Change c : changes) {
                if (stopAt >= 0 && c.from() >= stopAt) {
                    continue;
                }
                if (c.key() == null) {
                    remember.remove(c.id());
                    forget.add(c.id());
                } else {
                    forget.remove(c.id());
                    remember.put(c.id(), c.key());
                }
            }
            return new FlowStore.SourceKeyChanges(remember, forget);
        }
    }

    private final FlowStore store;
    private final CheckedFlow flow;
    private final ChunkWriter writer;
    private final TargetKeys codec;
    private final boolean lookups;

    /**
     * @param writer deletes or marks the target rows
     * @param lookups false while a first read builds the memory from nothing (no id can be remembered yet)
     */
    KeyMemory(FlowStore store, CheckedFlow flow, ChunkWriter writer, boolean lookups) {
        this.store = store;
        this.flow = flow;
        this.writer = writer;
        this.codec = codec(flow);
        this.lookups = lookups;
    }

    /** How the memory writes a target key as JSON. */
    static TargetKeys codec(CheckedFlow flow) {
        return new TargetKeys(flow.targetKey(), flow.targetSchema());
    }

    /** The digest of a target record: 64 bits of the SHA-256 of its JSON, in hex. */
    static String digest(Map<String, Object> record) {
        return Long.toHexString(TargetKeys.fingerprint(Json.record(record)));
    }

    /**
     * Looks up what the memory holds for a chunk's source ids (nothing while a first read builds it) and drops, from
     * {@code mapped} and {@code mappedFrom} (changed in place) and from the answer, the records written exactly so
     * before.
     */
    PreparedChunk.Remembered recall(List<Map<String, Object>> mapped, List<Integer> mappedFrom,
            PreparedChunk.Remembered r) {
        List<String> ids = new ArrayList<>(r.mappedIds().size() + r.goneIds().size());
        r.mappedIds().stream().filter(Objects::nonNull).forEach(ids::add);
        r.goneIds().stream().filter(Objects::nonNull).forEach(ids::add);
        if (!lookups || ids.isEmpty()) {
            return r;
        }
        Map<String, FlowStore.SourceKey> before = store.sourceKeys(flow.definition().name(), ids);
        List<String> mappedIds = new ArrayList<>(r.mappedIds().size());
        List<String> mappedKeys = new ArrayList<>(r.mappedIds().size());
        List<String> mappedDigests = new ArrayList<>(r.mappedIds().size());
        List<Map<String, Object>> keptRecords = new ArrayList<>(mapped.size());
        List<Integer> keptFrom = new ArrayList<>(mapped.size());
        for (int j = 0; j < mapped.size(); j++) {
            FlowStore.SourceKey was = before.get(r.mappedIds().get(j));
            if (was != null && was.key().equals(r.mappedKeys().get(j))
                    && was.digest().equals(r.mappedDigests().get(j))) {
                continue; // written exactly so before
            }
            mappedIds.add(r.mappedIds().get(j));
            mappedKeys.add(r.mappedKeys().get(j));
            mappedDigests.add(r.mappedDigests().get(j));
            keptRecords.add(mapped.get(j));
            keptFrom.add(mappedFrom.get(j));
        }
        mapped.clear();
        mapped.addAll(keptRecords);
        mappedFrom.clear();
        mappedFrom.addAll(keptFrom);
        return new PreparedChunk.Remembered(mappedIds, mappedKeys, mappedDigests, r.goneIds(), r.goneFrom(), before);
    }

    /**
     * Resolves a written chunk against the memory: the records before {@code upTo} whose writes did not fail are
     * remembered as written; gone ids are turned into the keys they were written under, and those rows
     * (and rows a changed key left behind) are deleted or marked, unless this chunk, a chunk still being written
     * ({@code inFlight}: their target keys) or another remembered source row still has that key. Nothing is written
     * in a dry run.
     */
    Step resolve(PreparedChunk p, ChunkWriter.Outcome written, int upTo, Supplier<Set<String>> inFlight,
            boolean dry) {
        PreparedChunk.Remembered r = p.remembered();
        Set<Integer> failed = new HashSet<>(written.failed());
        Map<String, FlowStore.SourceKey> before = r.before();
        List<Change> changes = new ArrayList<>();
        Map<String, Integer> candidates = new LinkedHashMap<>(); // target key → the source record that let it go
        Set<String> ofGone = new HashSet<>();
        long skipped = 0;
        for (int j = 0; j < r.mappedIds().size(); j++) {
            int from = p.mappedFrom().get(j);
            String id = r.mappedIds().get(j);
            String key = r.mappedKeys().get(j);
            if (from >= upTo || failed.contains(from) || id == null || key == null) {
                continue;
            }
            changes.add(new Change(from, id, new FlowStore.SourceKey(key, r.mappedDigests().get(j))));
            FlowStore.SourceKey old = before.get(id);
            if (old != null && !old.key().equals(key)) {
                candidates.putIfAbsent(old.key(), from);
            }
        }
        for (int k = 0; k < r.goneIds().size(); k++) {
            int from = r.goneFrom().get(k);
            FlowStore.SourceKey old = before.get(r.goneIds().get(k));
            if (from >= upTo) {
                continue;
            }
            if (old == null) {
                skipped++; // never written by the flow (or filtered out by where): nothing to delete
                continue;
            }
            changes.add(new Change(from, r.goneIds().get(k), null));
            if (candidates.putIfAbsent(old.key(), from) == null) {
                ofGone.add(old.key());
            } else {
                skipped++;
            }
        }
        Set<String> keep = kept(candidates.keySet(), r, changes, inFlight);
        for (String key : keep) {
            skipped += ofGone.contains(key) ? 1 : 0;
            candidates.remove(key);
        }
        if (dry || candidates.isEmpty()) {
            List<Map<String, Object>> sample = new ArrayList<>();
            candidates.keySet().forEach(key -> sample.add(codec.decodeOne(key)));
            return new Step(new FlowCounts(0, 0, 0, dry ? 0 : skipped, 0, 0), List.of(), -1, null,
                    dry ? List.of() : changes, sample);
        }
        ChunkWriter.Tally t = new ChunkWriter.Tally(p, flow.definition().errors() == ErrorPolicy.FAIL);
        List<Map<String, Object>> keys = new ArrayList<>(candidates.size());
        candidates.keySet().forEach(key -> keys.add(codec.decodeOne(key)));
        writer.deletes(keys, new ArrayList<>(candidates.values()), t);
        Set<Integer> notDeleted = new HashSet<>(t.failedFrom());
        changes.removeIf(c -> c.key() == null && notDeleted.contains(c.from())); // remembered until it is deleted
        return new Step(new FlowCounts(0, 0, 0, skipped + t.skipped, t.rejected, t.deleted), t.dead(), t.stopAt,
                t.stop, changes, List.of());
    }

    /** The candidate keys that must stay: written by this chunk or one in flight, or another row's key. */
    private Set<String> kept(Set<String> candidates, PreparedChunk.Remembered r, List<Change> changes,
            Supplier<Set<String>> inFlight) {
        Set<String> keep = new LinkedHashSet<>();
        if (candidates.isEmpty()) {
            return keep;
        }
        Set<String> live = new HashSet<>();
        r.mappedKeys().forEach(live::add);
        Set<String> pending = null;
        List<String> rest = new ArrayList<>();
        for (String key : candidates) {
            if (live.contains(key)) {
                keep.add(key);
                continue;
            }
            pending = pending == null ? inFlight.get() : pending;
            if (pending.contains(key)) {
                keep.add(key);
            } else {
                rest.add(key);
            }
        }
        if (!rest.isEmpty()) {
            Set<String> changed = new HashSet<>();
            changes.forEach(c -> changed.add(c.id()));
            keep.addAll(store.sourceKeysInUse(flow.definition().name(), rest, changed));
        }
        return keep;
    }

    @Override
    public String toString() {
        return "KeyMemory[" + flow.definition().name() + (lookups ? "" : ", building") + "]";
    }
}
