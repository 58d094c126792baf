package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where an incremental export writes its delta, so that it never destroys one that was not read yet: a
 * {@code --to} name with {@code {n}} gets the next number (1, 2, …) not taken by a file, one with
 * {@code {timestamp}} the run's UTC time ({@code 20240501T101500Z}, with {@code -2}, {@code -3}… when taken);
 * a plain name is refused when the file exists, unless the delta is appended to it. Immutable.
 *
 * @param file the file to write
 * @param sequence the {@code {n}} number used, else the state's last one
 */
record DeltaTarget(Path file, long sequence) {
    static final String NUMBER = "{n}";
    static final String TIMESTAMP = "{timestamp}";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Whether a {@code --to} name makes a new file per run. */
    static boolean patterned(Path to) {
        String n = to.getFileName().toString();
        return n.contains(NUMBER) || n.contains(TIMESTAMP);
    }

    /**
     * The file for this run. {@code lastSequence}: the number the last run used; {@code append}: the delta goes at
     * the end of a plain-named file.
     */
    static DeltaTarget next(Path to, long lastSequence, Instant now, boolean append) {
        String name = to.getFileName().toString();
        if (name.contains(NUMBER)) {
            long n = lastSequence + 1;
            while (Files.exists(to.resolveSibling(name.replace(NUMBER, Long.toString(n))))) {
                n++;
            }
            return new DeltaTarget(to.resolveSibling(name.replace(NUMBER, Long.toString(n))), n);
        }
        if (name.contains(TIMESTAMP)) {
            String stamp = STAMP.format(now);
            Path p = to.resolveSibling(name.replace(TIMESTAMP, stamp));
            for (int k = 2; Files.exists(p); k++) {
                p = to.resolveSibling(name.replace(TIMESTAMP, stamp + "-" + k));
            }
            return new DeltaTarget(p, lastSequence);
        }
        if (!append && Files.exists(to)) {
            throw new SluiceException(ErrorKind.CONFLICT, to + " already holds a delta that may not have been read yet;"
                    + " nothing was exported. Move or delete it when it is consumed, or let each run write a new file"
                    + " (--to '" + withSuffix(name, "-" + NUMBER) + "' or --to '" + withSuffix(name, "-" + TIMESTAMP)
                    + "'), or add each delta to its end (--append)");
        }
        return new DeltaTarget(to, lastSequence);
    }

    /** {@code changes.csv} with {@code -{n}} → {@code changes-{n}.csv}. */
    private static String withSuffix(String name, String suffix) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name + suffix : name.substring(0, dot) + suffix + name.substring(dot);
    }
}
