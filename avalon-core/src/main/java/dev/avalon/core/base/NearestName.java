package dev.avalon.core.base;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the known name a misspelt one most likely meant, for "did you mean …?" hints.
 *
 * <p>Distance is the optimal-string-alignment form of Damerau-Levenshtein (insert, delete, replace,
 * swap two neighbours), ignoring case. A candidate is offered only when it is at most one edit per five
 * characters of the longer name away (at least one, at most three), so unrelated names get no hint.
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * The candidate nearest to {@code name}, if one is near enough and {@code name} is not itself a
     * candidate; ties go to the first in iteration order.
     */
    public static Optional<String> among(String name, Collection<String> candidates) {
        Objects.requireNonNull(name, "name");
        if (candidates.contains(name)) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.max(1, Math.min(3, Math.max(wanted.length(), candidate.length()) / 5));
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean x?"} for the nearest candidate, or the empty string. */
    public static String hint(String name, Collection<String> candidates) {
        return among(name, candidates).map(n -> "; did you mean " + n + "?").orElse("");
    }

    /** The optimal-string-alignment distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
