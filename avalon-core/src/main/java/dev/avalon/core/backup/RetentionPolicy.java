package dev.avalon.core.backup;

/**
 * How many backups to keep per calendar period, as restic's {@code forget --keep-daily --keep-weekly
 * --keep-monthly}. A count of zero leaves that rule out; at least one rule must keep something.
 *
 * @param daily   the newest backup of each of the last {@code daily} days that have one
 * @param weekly  the newest of each of the last {@code weekly} ISO weeks that have one
 * @param monthly the newest of each of the last {@code monthly} months that have one
 */
public record RetentionPolicy(int daily, int weekly, int monthly) {

    /** 7 daily, 4 weekly, 12 monthly. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(7, 4, 12);

    public RetentionPolicy {
        if (daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("retention counts are not negative: " + daily + "/" + weekly + "/"
                    + monthly);
        }
        if (daily + weekly + monthly == 0) {
            // restic refuses an empty policy rather than forget everything
            throw new IllegalArgumentException("a retention policy keeps something");
        }
    }
}
