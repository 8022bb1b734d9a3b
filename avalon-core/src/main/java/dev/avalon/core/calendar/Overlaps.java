package dev.avalon.core.calendar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Finds overlapping occurrences by sort-and-sweep: sort by start, keep the occurrences still running
 * in a heap ordered by end, and pair each new occurrence only with those. Cost O(n log n + k) for k
 * overlaps, instead of the n² of comparing every pair.
 */
public final class Overlaps {

    private static final Comparator<Occurrence> BY_START = Comparator.comparing(Occurrence::start)
            .thenComparing(Occurrence::end).thenComparing(Occurrence::eventId);

    private Overlaps() {
    }

    /** Every overlapping pair among {@code occurrences}. */
    public static List<Overlap> all(List<Occurrence> occurrences) {
        return sweep(occurrences, o -> true);
    }

    /**
     * The overlaps in which exactly one side satisfies {@code candidate}: how a new or changed event
     * meets the rest of the calendar (the rest's overlaps among themselves are not reported).
     */
    public static List<Overlap> against(List<Occurrence> occurrences, Predicate<Occurrence> candidate) {
        return sweep(occurrences, candidate);
    }

    /** Whether anything in {@code occurrences} overlaps another occurrence. */
    public static boolean any(List<Occurrence> occurrences) {
        List<Occurrence> sorted = new ArrayList<>(occurrences);
        sorted.sort(BY_START);
        java.time.Instant reach = null;
        for (Occurrence o : sorted) {
            if (reach != null && o.start().isBefore(reach)) {
                return true;
            }
            reach = reach == null || o.end().isAfter(reach) ? o.end() : reach;
        }
        return false;
    }

    private static List<Overlap> sweep(List<Occurrence> occurrences, Predicate<Occurrence> candidate) {
        boolean filtered = occurrences.stream().anyMatch(o -> !candidate.test(o));
        List<Occurrence> sorted = new ArrayList<>(occurrences);
        sorted.sort(BY_START);
        PriorityQueue<Occurrence> running = new PriorityQueue<>(Comparator.comparing(Occurrence::end));
        List<Overlap> found = new ArrayList<>();
        for (Occurrence next : sorted) {
            while (!running.isEmpty() && !running.peek().end().isAfter(next.start())) {
                running.poll();
            }
            boolean nextIsCandidate = candidate.test(next);
            for (Occurrence open : running) {
                if (!filtered || nextIsCandidate != candidate.test(open)) {
                    found.add(new Overlap(open, next));
                }
            }
            running.add(next);
        }
        return found;
    }
}
