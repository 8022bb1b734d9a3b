package dev.avalon.core.backup;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which backups a {@link RetentionPolicy} keeps, with the semantics of restic's {@code forget}
 * (its {@code ApplyPolicy}):
 * <ol>
 *   <li>snapshots are walked newest first (ties: the greater id first, so the answer does not depend
 *       on the order given);</li>
 *   <li>each rule (daily: the local date; weekly: the ISO week-based year and week; monthly: year and
 *       month, all in {@code zone}) has a counter; while it is above zero, a snapshot whose period
 *       differs from the period of the last snapshot that rule kept is kept and the counter goes down;</li>
 *   <li>the oldest snapshot is kept too by every rule that still has count left, so a short history
 *       is kept whole for as long as possible;</li>
 *   <li>a snapshot kept by any rule is kept.</li>
 * </ol>
 * So the newest snapshot is always kept, and applying the policy to what it kept keeps all of it.
 */
public final class Retention {

    private Retention() {
    }

    /** The kept snapshots, newest first. */
    public static List<Snapshot> keep(List<Snapshot> snapshots, RetentionPolicy policy, ZoneId zone) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(zone, "zone");
        List<Snapshot> sorted = new ArrayList<>(snapshots);
        sorted.sort(Comparator.comparing(Snapshot::at).thenComparing(Snapshot::id).reversed());
        List<Rule> rules = List.of(
                new Rule(policy.daily(), t -> t.toLocalDate().toString()),
                new Rule(policy.weekly(), t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                        + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Rule(policy.monthly(), t -> t.getYear() + "-" + t.getMonthValue()));
        List<Snapshot> kept = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Snapshot s = sorted.get(i);
            ZonedDateTime local = s.at().atZone(zone);
            boolean oldest = i == sorted.size() - 1;
            boolean keep = false;
            for (Rule rule : rules) {
                keep |= rule.takes(local, oldest);
            }
            if (keep) {
                kept.add(s);
            }
        }
        return List.copyOf(kept);
    }

    /** One rule's counter and the period of the last snapshot it kept. */
    private static final class Rule {
        private int left;
        private final Function<ZonedDateTime, String> period;
        private String last;

        Rule(int count, Function<ZonedDateTime, String> period) {
            this.left = count;
            this.period = period;
        }

        boolean takes(ZonedDateTime t, boolean oldest) {
            if (left == 0) {
                return false;
            }
            String p = period.apply(t);
            if (p.equals(last) && !oldest) {
                return false;
            }
            last = p;
            left--;
            return true;
        }
    }
}
