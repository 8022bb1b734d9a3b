package dev.avalon.core.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Overlap detection, free slots and recurrence expansion over random calendars. */
@Label("Calendar engine properties")
class CalendarPropertiesTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** A week around the end of DST in Europe (Sunday 2026-10-25) and one around its start (2026-03-29). */
    private static final List<Instant> DST_WEEKS = List.of(
            ZonedDateTime.of(2026, 10, 21, 0, 0, 0, 0, AMSTERDAM).toInstant(),
            ZonedDateTime.of(2026, 3, 25, 0, 0, 0, 0, AMSTERDAM).toInstant());

    @Provide
    Arbitrary<List<Occurrence>> calendars() {
        Instant base = Instant.parse("2026-11-23T00:00:00Z");
        return Combinators.combine(Arbitraries.integers().between(0, 20_000), Arbitraries.integers().between(1, 600))
                .as((offset, length) -> new int[] {offset, length})
                .list().ofMaxSize(80)
                .map(spans -> {
                    List<Occurrence> out = new ArrayList<>();
                    for (int i = 0; i < spans.size(); i++) {
                        Instant s = base.plus(Duration.ofMinutes(spans.get(i)[0]));
                        out.add(new Occurrence("E" + i, s, s.plus(Duration.ofMinutes(spans.get(i)[1])),
                                LocalDateTime.ofInstant(s, AMSTERDAM)));
                    }
                    return out;
                });
    }

    private static Set<Set<String>> pairs(List<Overlap> overlaps) {
        Set<Set<String>> out = new HashSet<>();
        overlaps.forEach(o -> out.add(Set.of(o.first().eventId(), o.second().eventId())));
        return out;
    }

    private static Set<Set<String>> naive(List<Occurrence> all) {
        Set<Set<String>> out = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).overlaps(all.get(j))) {
                    out.add(Set.of(all.get(i).eventId(), all.get(j).eventId()));
                }
            }
        }
        return out;
    }

    @Property
    @Label("sort-and-sweep finds exactly the overlapping pairs the naive pairwise loop finds")
    void sweepEqualsNaive(@ForAll("calendars") List<Occurrence> calendar) {
        List<Overlap> found = Overlaps.all(calendar);
        assertThat(found).hasSize(pairs(found).size());
        assertThat(pairs(found)).isEqualTo(naive(calendar));
        assertThat(Overlaps.any(calendar)).isEqualTo(!found.isEmpty());
        found.forEach(o -> assertThat(o.first().start()).isBeforeOrEqualTo(o.second().start()));
    }

    @Property
    @Label("the overlaps against a candidate are the naive pairs with exactly one candidate side")
    void againstEqualsNaive(@ForAll("calendars") List<Occurrence> calendar,
                            @ForAll @IntRange(min = 0, max = 9) int mod) {
        java.util.function.Predicate<Occurrence> candidate = o -> Integer.parseInt(o.eventId().substring(1)) % 10 == mod;
        Set<Set<String>> expected = new HashSet<>();
        for (Set<String> p : naive(calendar)) {
            long c = p.stream().filter(id -> Integer.parseInt(id.substring(1)) % 10 == mod).count();
            if (c == 1) {
                expected.add(p);
            }
        }
        assertThat(pairs(Overlaps.against(calendar, candidate))).isEqualTo(expected);
    }

    @Property
    @Label("free slots never overlap buffered busy time, stay inside working hours across DST, and are long enough")
    void freeSlotsRespectBusyAndHours(@ForAll("calendars") List<Occurrence> raw,
                                      @ForAll @IntRange(min = 0, max = 1) int week,
                                      @ForAll @IntRange(min = 4, max = 12) int startHour,
                                      @ForAll @IntRange(min = 1, max = 12) int hours,
                                      @ForAll @IntRange(min = 0, max = 30) int bufferMinutes,
                                      @ForAll @IntRange(min = 5, max = 240) int durationMinutes,
                                      @ForAll @IntRange(min = 0, max = 3000) int noticeMinutes) {
        Instant from = DST_WEEKS.get(week);
        Instant to = from.plus(Duration.ofDays(7));
        Duration shift = Duration.between(Instant.parse("2026-11-23T00:00:00Z"), from);
        List<Occurrence> busy = raw.stream().map(o -> new Occurrence(o.eventId(), o.start().plus(shift),
                o.end().plus(shift), o.originalStart())).toList();
        // working hours start after 03:00: inside the hour the clocks skip, a local end time has no instant to match
        LocalTime workStart = LocalTime.of(startHour, 0);
        LocalTime workEnd = workStart.plusHours(Math.min(hours, 23 - startHour));
        Duration buffer = Duration.ofMinutes(bufferMinutes);
        Duration duration = Duration.ofMinutes(durationMinutes);
        Instant earliest = from.plus(Duration.ofMinutes(noticeMinutes));
        List<Slot> slots = new FreeSlots(AMSTERDAM, workStart, workEnd, buffer)
                .find(busy, from, to, earliest, duration, 1000);
        Instant previousEnd = Instant.MIN;
        for (Slot s : slots) {
            assertThat(s.length()).isGreaterThanOrEqualTo(duration);
            assertThat(s.start()).isAfterOrEqualTo(earliest).isAfterOrEqualTo(from).isAfter(previousEnd);
            assertThat(s.end()).isBeforeOrEqualTo(to);
            ZonedDateTime ls = s.start().atZone(AMSTERDAM);
            ZonedDateTime le = s.end().atZone(AMSTERDAM);
            assertThat(le.toLocalDate()).isEqualTo(ls.toLocalDate());
            assertThat(ls.toLocalTime()).isAfterOrEqualTo(workStart);
            assertThat(le.toLocalTime()).isBeforeOrEqualTo(workEnd);
            for (Occurrence b : busy) {
                boolean clash = s.start().isBefore(b.end().plus(buffer)) && b.start().minus(buffer).isBefore(s.end());
                assertThat(clash).as("slot %s meets busy %s", s, b).isFalse();
            }
            previousEnd = s.end();
        }
    }

    @Provide
    Arbitrary<Recurrence> rules() {
        Arbitrary<Frequency> freq = Arbitraries.of(Frequency.class);
        Arbitrary<Integer> interval = Arbitraries.integers().between(1, 4);
        Arbitrary<Boolean> byCount = Arbitraries.of(true, false);
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 60);
        Arbitrary<Integer> untilDays = Arbitraries.integers().between(0, 900);
        Arbitrary<Set<DayOfWeek>> extraDays = Arbitraries.of(DayOfWeek.class).set().ofMaxSize(3);
        return Combinators.combine(freq, interval, byCount, count, untilDays, extraDays).as((f, i, c, n, u, days) -> {
            List<DayOfWeek> byDay = new ArrayList<>();
            if (f == Frequency.WEEKLY && !days.isEmpty()) {
                byDay.addAll(days);
                byDay.add(START.getDayOfWeek());
            }
            return new Recurrence(f, i, byDay, List.of(), c ? null : START.toLocalDate().plusDays(u), c ? n : null);
        });
    }

    /** A Tuesday evening start, in winter time. */
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 6, 19, 30);

    @Property
    @Label("expansion respects COUNT, UNTIL and the cap, and a narrower window sees the same instances")
    void expansionRespectsEnds(@ForAll("rules") Recurrence rule, @ForAll @IntRange(min = 1, max = 80) int cap,
                               @ForAll @IntRange(min = 0, max = 800) int windowStartDays,
                               @ForAll @IntRange(min = 1, max = 120) int windowDays) {
        LocalDateTime end = START.plusHours(2);
        Instant farFrom = START.atZone(AMSTERDAM).toInstant().minus(Duration.ofDays(1));
        Instant farTo = farFrom.plus(Duration.ofDays(120_000));
        Recurrence.Expansion all = rule.expand("S", START, end, AMSTERDAM, Set.of(), farFrom, farTo, 100_000);
        assertThat(all.truncated()).isFalse();
        if (rule.count() != null) {
            assertThat(all.occurrences()).hasSize(rule.count());
        } else {
            all.occurrences().forEach(o -> assertThat(o.originalStart().toLocalDate()).isBeforeOrEqualTo(rule.until()));
        }
        assertThat(all.occurrences().get(0).originalStart()).isEqualTo(START);
        all.occurrences().forEach(o -> assertThat(o.originalStart().toLocalTime()).isEqualTo(START.toLocalTime()));
        for (int i = 1; i < all.occurrences().size(); i++) {
            assertThat(all.occurrences().get(i).start()).isAfter(all.occurrences().get(i - 1).start());
        }

        Instant from = START.atZone(AMSTERDAM).toInstant().plus(Duration.ofDays(windowStartDays));
        Instant to = from.plus(Duration.ofDays(windowDays));
        Recurrence.Expansion window = rule.expand("S", START, end, AMSTERDAM, Set.of(), from, to, cap);
        List<Occurrence> expected = all.occurrences().stream()
                .filter(o -> o.start().isBefore(to) && o.end().isAfter(from)).toList();
        assertThat(window.occurrences()).hasSizeLessThanOrEqualTo(cap);
        assertThat(window.truncated()).isEqualTo(expected.size() > cap);
        assertThat(window.occurrences()).isEqualTo(expected.subList(0, Math.min(cap, expected.size())));
    }

    @Property(tries = 300)
    @Label("a monthly BYDAY + BYSETPOS rule gives, month by month, the chosen positions among the month's matching days")
    void monthlySetPositions(@ForAll("weekdaySets") List<DayOfWeek> days,
                             @ForAll("setPositions") List<Integer> positions,
                             @ForAll @IntRange(min = 1, max = 3) int interval,
                             @ForAll @IntRange(min = 1, max = 30) int count) {
        Recurrence rule = new Recurrence(Frequency.MONTHLY, interval, days, List.of(), positions, null, count);
        LocalDate first = START.toLocalDate();
        List<LocalDate> expected = new ArrayList<>();
        for (int month = 0; expected.size() < count && month < 12 * 30 * interval; month += interval) {
            LocalDate monthStart = first.withDayOfMonth(1).plusMonths(month);
            List<LocalDate> matching = new ArrayList<>();
            for (LocalDate d = monthStart; d.getMonth() == monthStart.getMonth(); d = d.plusDays(1)) {
                if (days.contains(d.getDayOfWeek())) {
                    matching.add(d);
                }
            }
            java.util.TreeSet<LocalDate> chosen = new java.util.TreeSet<>();
            for (int p : positions) {
                int i = p > 0 ? p - 1 : matching.size() + p;
                if (i >= 0 && i < matching.size()) {
                    chosen.add(matching.get(i));
                }
            }
            for (LocalDate d : chosen) {
                if (!d.isBefore(first) && expected.size() < count) {
                    expected.add(d);
                }
            }
        }
        Instant from = START.atZone(AMSTERDAM).toInstant();
        List<LocalDate> got = rule.expand("S", START, START.plusHours(1), AMSTERDAM, Set.of(), from,
                from.plus(Duration.ofDays(366L * 100)), 10_000).occurrences().stream()
                .map(o -> o.originalStart().toLocalDate()).toList();
        assertThat(got).isEqualTo(expected);
        assertThat(rule.rrule(START, AMSTERDAM)).contains(";BYSETPOS=");
    }

    @Provide
    Arbitrary<List<DayOfWeek>> weekdaySets() {
        return Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).ofMaxSize(7).map(ArrayList::new);
    }

    @Provide
    Arbitrary<List<Integer>> setPositions() {
        return Arbitraries.integers().between(-6, 6).filter(i -> i != 0).set().ofMinSize(1).ofMaxSize(3)
                .map(ArrayList::new);
    }

    @org.junit.jupiter.api.Test
    void setPositionRrule() {
        Recurrence lastTuesday = new Recurrence(Frequency.MONTHLY, 1, List.of(DayOfWeek.TUESDAY), List.of(),
                List.of(-1), null, 4);
        assertThat(lastTuesday.rrule(START, AMSTERDAM)).isEqualTo("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1;COUNT=4");
        assertThat(Recurrence.fromJson(lastTuesday.toJson())).isEqualTo(lastTuesday);
    }

    @Property(tries = 50)
    @Label("an excepted instance disappears and nothing else changes")
    void exceptionsRemoveOneInstance(@ForAll @IntRange(min = 0, max = 9) int which) {
        Recurrence rule = new Recurrence(Frequency.DAILY, 1, List.of(), List.of(), null, 10);
        Instant from = START.atZone(AMSTERDAM).toInstant();
        Instant to = from.plus(Duration.ofDays(30));
        List<Occurrence> all = rule.expand("S", START, START.plusHours(1), AMSTERDAM, Set.of(), from, to, 100)
                .occurrences();
        LocalDateTime gone = all.get(which).originalStart();
        List<Occurrence> without = rule.expand("S", START, START.plusHours(1), AMSTERDAM, Set.of(gone), from, to, 100)
                .occurrences();
        List<Occurrence> expected = new ArrayList<>(all);
        expected.remove(which);
        assertThat(without).isEqualTo(expected);
    }

    @Property(tries = 30)
    @Label("a weekly instance keeps its wall-clock time across the DST change")
    void wallClockAcrossDst(@ForAll @IntRange(min = 1, max = 20) int count) {
        LocalDateTime start = LocalDateTime.of(2026, 10, 13, 10, 0);
        Recurrence rule = new Recurrence(Frequency.WEEKLY, 1, List.of(), List.of(), null, count);
        Instant from = start.atZone(AMSTERDAM).toInstant();
        rule.expand("S", start, start.plusHours(1), AMSTERDAM, Set.of(), from, from.plus(Duration.ofDays(200)), 100)
                .occurrences().forEach(o -> {
                    assertThat(o.start().atZone(AMSTERDAM).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
                    assertThat(Duration.between(o.start(), o.end())).isEqualTo(Duration.ofHours(1));
                });
        assertThat(LocalDate.of(2026, 10, 25).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    }
    @Property(tries = 100)
    @Label("a changed instance appears exactly once, at its new time, and the other instances stay where they were")
    void changedInstanceAppearsOnceAtItsNewTime(@ForAll @IntRange(min = 0, max = 9) int which,
                                                @ForAll @IntRange(min = -4000, max = 4000) int shiftMinutes,
                                                @ForAll @IntRange(min = 1, max = 300) int lengthMinutes,
                                                @ForAll @IntRange(min = -2, max = 12) int windowStartDays,
                                                @ForAll @IntRange(min = 1, max = 14) int windowDays) {
        Recurrence rule = new Recurrence(Frequency.DAILY, 1, List.of(), List.of(), null, 10);
        Instant t0 = START.atZone(AMSTERDAM).toInstant();
        CalendarEvent series = new CalendarEvent("S", "s@avalon", null, null, "Reeks", false, START,
                START.plusHours(1), AMSTERDAM, "WERK", "", "", List.of(), rule, Set.of(), EventMode.FREE, 0,
                EventStatus.CONFIRMED, List.of(), t0, t0);
        List<Occurrence> before = series.occurrences(t0.minus(Duration.ofDays(5)), t0.plus(Duration.ofDays(20)), 100)
                .occurrences();
        LocalDateTime original = before.get(which).originalStart();
        LocalDateTime newStart = original.plusMinutes(shiftMinutes);
        CalendarEvent changed = series.withOverride(new InstanceOverride(original, newStart,
                newStart.plusMinutes(lengthMinutes), "Verzet", "", ""));

        List<Occurrence> all = changed.occurrences(t0.minus(Duration.ofDays(5)), t0.plus(Duration.ofDays(20)), 100)
                .occurrences();
        List<Occurrence> moved = all.stream().filter(o -> o.originalStart().equals(original)).toList();
        assertThat(moved).hasSize(1);
        assertThat(moved.get(0).start()).isEqualTo(newStart.atZone(AMSTERDAM).toInstant());
        assertThat(all.stream().filter(o -> !o.originalStart().equals(original)).toList())
                .isEqualTo(before.stream().filter(o -> !o.originalStart().equals(original)).toList());

        Instant from = t0.plus(Duration.ofDays(windowStartDays));
        Instant to = from.plus(Duration.ofDays(windowDays));
        List<Occurrence> inWindow = changed.occurrences(from, to, 100).occurrences();
        assertThat(inWindow).isEqualTo(all.stream().filter(o -> o.start().isBefore(to) && o.end().isAfter(from))
                .toList());
    }
}
