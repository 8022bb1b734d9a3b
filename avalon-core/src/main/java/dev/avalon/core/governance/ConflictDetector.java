package dev.avalon.core.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the pending patches a newly proposed patch conflicts with (seed 06 §8). Pending patches are
 * applied first (FIFO), and a candidate is validated against the document as it is now, so a
 * candidate conflicts with a pending patch when:
 *
 * <ul>
 *   <li><b>they write the same part of the document</b>: their paths {@linkplain DotPath#overlaps
 *       overlap} (equal, or one inside the other), unless the candidate simply repeats the pending
 *       patch: same path, same {@code after};</li>
 *   <li><b>the candidate's {@code before} will be stale</b>: it was computed against a value the
 *       pending patch changes. For a repeat this is the case unless its {@code before} already is
 *       the pending patch's {@code after}; a repeat computed against today's value would otherwise
 *       be queued, go stale once the pending patch lands, and stop the chain. Without overlapping
 *       paths it happens when the pending patch removes an array element: every later element
 *       moves down one index.</li>
 *   <li><b>one changes the ML limits the other is checked against</b>: one is an ML patch and the
 *       other's path overlaps {@code mlLimits.paths}.</li>
 * </ul>
 * A pending patch with the candidate's own id is the candidate itself and is skipped.
 */
public final class ConflictDetector {

    /** Where the ML limits live; an ML patch is only valid as long as they allow it. */
    private static final String ML_LIMITS = "mlLimits.paths";

    private ConflictDetector() {
    }

    /**
     * The conflicts of {@code candidate} with each of {@code pending}, in the order of
     * {@code pending}; empty when it may simply be queued behind them. Each conflict has the pending
     * patch as {@link Conflict#first()} and the candidate as {@link Conflict#second()}.
     */
    public static List<Conflict> detect(Patch candidate, List<Patch> pending) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(pending, "pending");
        List<Conflict> out = new ArrayList<>();
        for (Patch earlier : pending) {
            if (earlier.id().equals(candidate.id())) {
                continue;
            }
            String reason = reason(candidate, earlier);
            if (reason != null) {
                out.add(new Conflict(earlier, candidate, reason));
            }
        }
        return List.copyOf(out);
    }

    /** Why {@code c} conflicts with the pending {@code p}, or {@code null} when it does not. */
    private static String reason(Patch c, Patch p) {
        String cp = c.path();
        String pp = p.path();
        if (cp.equals(pp)) {
            if (!ChangeClassifier.sameValue(c.after(), p.after())) {
                return c.id() + " and " + p.id() + " both change " + cp + ", to different values";
            }
            if (!ChangeClassifier.sameValue(c.before(), p.after())) {
                return c.id() + " repeats " + p.id() + "'s change of " + cp + ", but its before is the value "
                        + p.id() + " replaces, so it would be stale once " + p.id() + " is applied";
            }
            return null;
        }
        if (DotPath.covers(pp, cp)) {
            return cp + " lies inside " + pp + ", which " + p.id() + " already changes";
        }
        if (DotPath.covers(cp, pp)) {
            return cp + " contains " + pp + ", which " + p.id() + " already changes";
        }
        String shift = shiftReason(c, p);
        if (shift != null) {
            return shift;
        }
        if (c.source() == PatchSource.ML && DotPath.overlaps(pp, ML_LIMITS)) {
            return p.id() + " changes " + pp + ", the ML limits " + c.id() + " is checked against";
        }
        if (p.source() == PatchSource.ML && DotPath.overlaps(cp, ML_LIMITS)) {
            return c.id() + " changes " + cp + ", the ML limits the pending " + p.id() + " is checked against";
        }
        return null;
    }

    /** A pending removal of an array element moves every later element of that array down one index. */
    private static String shiftReason(Patch c, Patch p) {
        if (!p.removes() || !DotPath.isValid(p.path()) || !DotPath.isValid(c.path())) {
            return null;
        }
        List<String> removed = DotPath.segments(p.path());
        List<String> target = DotPath.segments(c.path());
        int depth = removed.size() - 1;
        int index = DotPath.index(removed.get(depth));
        if (index < 0 || target.size() <= depth || !target.subList(0, depth).equals(removed.subList(0, depth))) {
            return null;
        }
        int later = DotPath.index(target.get(depth));
        if (later <= index) {
            return null;
        }
        return p.id() + " removes " + p.path() + ", which moves " + c.path() + " to another index, so "
                + c.id() + "'s before would be stale";
    }
}
