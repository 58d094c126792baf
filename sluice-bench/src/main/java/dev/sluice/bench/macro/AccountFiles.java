package dev.sluice.bench.macro;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Checks a file of seeded accounts a read figure wrote, independently of the command that wrote it: every account
 * number {@code ACC-0000001} … {@code ACC-N} once, nothing else. JSON (JSON lines, or pages of raw {@code value}
 * arrays) is searched for {@code "accountnumber":"ACC-…"}; CSV must have the account number as its first column.
 * Stateless.
 */
final class AccountFiles {
    private static final String JSON_KEY = "\"accountnumber\":\"";
    private static final String PREFIX = "ACC-";

    private AccountFiles() {}

    /** Rows of a CSV file (after its header) by their first column. */
    static KeyScan.Result csv(Path file, long rows) throws IOException {
        Counter c = new Counter(rows);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine(); // header
            if (line == null || !line.startsWith("accountnumber")) {
                throw new IllegalStateException(file + " does not start with an accountnumber column: " + line);
            }
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    int comma = line.indexOf(',');
                    c.add(comma < 0 ? line : line.substring(0, comma));
                }
            }
        }
        return c.result();
    }

    /** Rows of a JSON file by every {@code "accountnumber":"…"} in it. */
    static KeyScan.Result json(Path file, long rows) throws IOException {
        Counter c = new Counter(rows);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int at = line.indexOf(JSON_KEY);
                while (at >= 0) {
                    int from = at + JSON_KEY.length();
                    c.add(line.substring(from, line.indexOf('"', from)));
                    at = line.indexOf(JSON_KEY, from);
                }
            }
        }
        return c.result();
    }

    /** Counts account numbers. Not thread-safe. */
    static final class Counter {
        private final long rows;
        private final BitSet seen;
        private long count;
        private long duplicates;
        private long unexpected;

        Counter(long rows) {
            this.rows = rows;
            this.seen = new BitSet((int) rows + 1);
        }

        void add(String number) {
            count++;
            int index = KeyScan.index(number, PREFIX);
            if (index < 1 || index > rows) {
                unexpected++;
            } else if (seen.get(index)) {
                duplicates++;
            } else {
                seen.set(index);
            }
        }

        KeyScan.Result result() {
            long distinct = seen.cardinality();
            return new KeyScan.Result(count, distinct, duplicates, rows - distinct, unexpected);
        }
    }
}
