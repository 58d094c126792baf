package dev.sluice.server.internal.design;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines two texts differ in, as a unified list: each line kept, removed or added, found by a longest common
 * subsequence of lines (flow files are short). Stateless.
 */
public final class LineDiff {
    /** Longest texts compared line by line (beyond this, the whole text counts as changed). */
    private static final int MAX_LINES = 4000;

    private LineDiff() {}

    /**
     * One line of a diff.
     *
     * @param op {@code " "} kept, {@code "-"} removed, {@code "+"} added
     * @param text the line
     */
    public record Line(String op, String text) {
        /** A CSS class for it. */
        public String css() {
            return op.equals("+") ? "added" : op.equals("-") ? "removed" : "kept";
        }
    }

    /** The lines of {@code after} against {@code before}. */
    public static List<Line> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        List<Line> out = new ArrayList<>();
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            for (String l : a) {
                out.add(new Line("-", l));
            }
            for (String l : b) {
                out.add(new Line("+", l));
            }
            return out;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(" ", a[i]));
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Line("+", b[j++]));
            } else {
                out.add(new Line("-", a[i++]));
            }
        }
        return out;
    }

    /** Whether anything changed. */
    public static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(l -> !l.op().equals(" "));
    }
}
