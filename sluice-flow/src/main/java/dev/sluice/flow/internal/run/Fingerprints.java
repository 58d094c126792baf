package dev.sluice.flow.internal.run;

/**
 * A set of 64-bit key fingerprints in one {@code long[]} (open addressing, linear probing): about 16 bytes per key,
 * so the keys of a million-row full read fit in a few MiB of heap. Not thread-safe.
 */
public final class Fingerprints {
    private long[] slots = new long[1024];
    private int size;

    public void add(long fingerprint) {
        long f = fingerprint == 0 ? 1 : fingerprint; // 0 marks an empty slot
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, f)) {
            size++;
        }
    }

    public boolean contains(long fingerprint) {
        long f = fingerprint == 0 ? 1 : fingerprint;
        int mask = slots.length - 1;
        for (int i = index(f, mask); ; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                return false;
            }
            if (slots[i] == f) {
                return true;
            }
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long f : slots) {
            if (f != 0) {
                insert(bigger, f);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long f) {
        int mask = table.length - 1;
        for (int i = index(f, mask); ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                table[i] = f;
                return true;
            }
            if (table[i] == f) {
                return false;
            }
        }
    }

    private static int index(long f, int mask) {
        return (int) (f ^ (f >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "Fingerprints[" + size + " of " + slots.length + "]";
    }
}
