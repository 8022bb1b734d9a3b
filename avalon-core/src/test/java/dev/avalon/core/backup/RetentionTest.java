package dev.avalon.core.backup;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden cases for {@link Retention}, worked out by hand with restic's {@code forget --keep-daily 7
 * --keep-weekly 4 --keep-monthly 12}.
 *
 * <p>The history: a backup every day at 03:00 Amsterdam time from Thursday 2026-01-01 to Sunday
 * 2026-03-01, except none on 24 and 25 February, plus a second backup on 27 February at 21:00 and one
 * at 2026-01-31T23:30Z, which is already 1 February in Amsterdam: 60 snapshots. ISO weeks of 2026:
 * W06 is 2–8 February, W07 9–15, W08 16–22, W09 23 February – 1 March.
 */
class RetentionTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Instant EDGE = Instant.parse("2026-01-31T23:30:00Z");

    private static List<Snapshot> history() {
        List<Snapshot> list = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 1, 1); !d.isAfter(LocalDate.of(2026, 3, 1)); d = d.plusDays(1)) {
            if (d.equals(LocalDate.of(2026, 2, 24)) || d.equals(LocalDate.of(2026, 2, 25))) {
                continue;
            }
            list.add(at(d, LocalTime.of(3, 0)));
        }
        list.add(at(LocalDate.of(2026, 2, 27), LocalTime.of(21, 0)));
        list.add(new Snapshot(EDGE, "edge"));
        return list;
    }

    private static Snapshot at(LocalDate day, LocalTime time) {
        return new Snapshot(LocalDateTime.of(day, time).atZone(AMSTERDAM).toInstant(), day + "T" + time);
    }

    private static List<String> ids(List<Snapshot> snapshots) {
        return snapshots.stream().map(Snapshot::id).toList();
    }

    @Test
    @DisplayName("the history has the 60 snapshots the golden cases are worked out for")
    void historySize() {
        assertThat(history()).hasSize(60);
    }

    @Test
    @DisplayName("7 daily, 4 weekly, 12 monthly in Amsterdam: the newest per day, ISO week and month, and the oldest")
    void goldenAmsterdam() {
        List<Snapshot> kept = Retention.keep(history(), RetentionPolicy.DEFAULT, AMSTERDAM);

        // daily (7): 1 Mar, 28 Feb, 27 Feb (the 21:00 one, not 03:00), 26 Feb, then the gap, 23, 22, 21 Feb
        // weekly (4): W09 → 1 Mar (kept already), W08 → 22 Feb (kept already), W07 → 15 Feb, W06 → 8 Feb
        // monthly (12): March → 1 Mar, February → 28 Feb, January → 31 Jan 03:00 (the 23:30Z one is
        //   1 February here); only 3 months exist, so the count is left and the oldest, 1 Jan, is kept too
        assertThat(ids(kept)).containsExactly(
                "2026-03-01T03:00", "2026-02-28T03:00", "2026-02-27T21:00", "2026-02-26T03:00",
                "2026-02-23T03:00", "2026-02-22T03:00", "2026-02-21T03:00", "2026-02-15T03:00",
                "2026-02-08T03:00", "2026-01-31T03:00", "2026-01-01T03:00");
    }

    @Test
    @DisplayName("the zone decides the period: in UTC the 23:30Z backup is January's newest")
    void goldenUtc() {
        List<Snapshot> kept = Retention.keep(history(), RetentionPolicy.DEFAULT, ZoneOffset.UTC);

        assertThat(ids(kept)).containsExactly(
                "2026-03-01T03:00", "2026-02-28T03:00", "2026-02-27T21:00", "2026-02-26T03:00",
                "2026-02-23T03:00", "2026-02-22T03:00", "2026-02-21T03:00", "2026-02-15T03:00",
                "2026-02-08T03:00", "edge", "2026-01-01T03:00");
    }

    @Test
    @DisplayName("a full year of daily backups keeps 7 days, 4 weeks and 12 months: 20 snapshots")
    void fullYear() {
        List<Snapshot> list = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 1, 1); !d.isAfter(LocalDate.of(2026, 3, 1)); d = d.plusDays(1)) {
            list.add(at(d, LocalTime.of(3, 0)));
        }

        List<Snapshot> kept = Retention.keep(list, RetentionPolicy.DEFAULT, AMSTERDAM);

        // 7 days (23 Feb – 1 Mar); weeks W09 (1 Mar), W08 (22 Feb), W07 (15 Feb), W06 (8 Feb); months
        // March 2026 back to April 2025, each its last day (1 Mar, 28 Feb, 31 Jan, 31 Dec … 30 Apr);
        // all counts are used up, so the oldest (1 Jan 2025) goes
        assertThat(ids(kept)).containsExactly(
                "2026-03-01T03:00", "2026-02-28T03:00", "2026-02-27T03:00", "2026-02-26T03:00",
                "2026-02-25T03:00", "2026-02-24T03:00", "2026-02-23T03:00", "2026-02-22T03:00",
                "2026-02-15T03:00", "2026-02-08T03:00", "2026-01-31T03:00", "2025-12-31T03:00",
                "2025-11-30T03:00", "2025-10-31T03:00", "2025-09-30T03:00", "2025-08-31T03:00",
                "2025-07-31T03:00", "2025-06-30T03:00", "2025-05-31T03:00", "2025-04-30T03:00");
    }

    @Test
    @DisplayName("restic's documented example: --keep-daily 4 keeps the newest of each of the last 4 days with a backup")
    void dailyOnly() {
        // 1 May 08:00, 2 May 08:00 and 11:00, 4 May 09:00, 5 May 10:00 (UTC): a1, a3, a4, a5
        List<Snapshot> list = List.of(
                new Snapshot(Instant.parse("2026-05-01T08:00:00Z"), "a1"),
                new Snapshot(Instant.parse("2026-05-02T08:00:00Z"), "a2"),
                new Snapshot(Instant.parse("2026-05-02T11:00:00Z"), "a3"),
                new Snapshot(Instant.parse("2026-05-04T09:00:00Z"), "a4"),
                new Snapshot(Instant.parse("2026-05-05T10:00:00Z"), "a5"));

        assertThat(ids(Retention.keep(list, new RetentionPolicy(4, 0, 0), ZoneOffset.UTC)))
                .containsExactly("a5", "a4", "a3", "a1");
        // with 3 days the counter runs out before a1, which is then not kept as the oldest either
        assertThat(ids(Retention.keep(list, new RetentionPolicy(3, 0, 0), ZoneOffset.UTC)))
                .containsExactly("a5", "a4", "a3");
    }

    @Test
    @DisplayName("a count left over keeps the oldest snapshot, even when its day is already kept")
    void oldestKeptWhileCountsLeft() {
        List<Snapshot> list = List.of(
                new Snapshot(Instant.parse("2026-05-02T08:00:00Z"), "old"),
                new Snapshot(Instant.parse("2026-05-02T11:00:00Z"), "new"));

        assertThat(ids(Retention.keep(list, new RetentionPolicy(7, 0, 0), ZoneOffset.UTC)))
                .containsExactly("new", "old");
        assertThat(ids(Retention.keep(list, new RetentionPolicy(1, 0, 0), ZoneOffset.UTC)))
                .containsExactly("new");
    }

    @Test
    @DisplayName("no snapshots keep nothing; an empty or negative policy is refused")
    void edges() {
        assertThat(Retention.keep(List.of(), RetentionPolicy.DEFAULT, AMSTERDAM)).isEmpty();
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(-1, 4, 12)).isInstanceOf(IllegalArgumentException.class);
    }
}
