package dev.sluice.core;

import java.util.Collection;
import java.util.Locale;

/** Finds the known name closest to a misspelt one (Levenshtein distance), for "did you mean" hints. Stateless. */
public final class NearestName {
    private NearestName() {}

    /** The closest candidate, or null when none is close (distance above a third of the length, at least 2). */
    public static String of(String wrong, Collection<String> candidates) {
        if (wrong == null) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = wrong.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, wrong.length() / 3);
        if (best != null && (bestDistance <= allowed || best.toLowerCase(Locale.ROOT).startsWith(w)
                || best.toLowerCase(Locale.ROOT).contains(w) && w.length() >= 4)) {
            return best;
        }
        return null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
