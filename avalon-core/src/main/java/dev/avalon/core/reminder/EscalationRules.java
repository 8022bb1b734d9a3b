package dev.avalon.core.reminder;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The daily escalation of {@code reminderEscalationRules} (seed 04 §1.3, §4.2), as a pure function.
 *
 * <p>An open reminder at level {@code L} (0 = not escalated) escalates to {@code L + 1} when
 * {@code L < levels.size()} and {@code moveCount ≥ threshold × (L + 1)}: with threshold 3 and levels
 * GENTLE, FIRM, URGENT, three moves reach GENTLE, six FIRM, nine URGENT. One run raises a reminder
 * by one level at most, so a reminder moved nine times in one day escalates over three days.
 *
 * @param threshold moves per level, at least 1
 * @param levels    the level names, lowest first, at least one
 */
public record EscalationRules(int threshold, List<String> levels) {

    public EscalationRules {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1: " + threshold);
        }
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("at least one escalation level is needed");
        }
    }

    /** The rules of a behaviour document; absent or malformed parts fall back to 3 and GENTLE, FIRM, URGENT. */
    public static EscalationRules from(JsonNode behaviour) {
        JsonNode rules = behaviour.path("reminderEscalationRules");
        int threshold = rules.path("threshold").isIntegralNumber() && rules.path("threshold").intValue() >= 1
                ? rules.path("threshold").intValue() : 3;
        List<String> levels = new ArrayList<>();
        rules.path("levels").forEach(l -> {
            if (l.isTextual()) {
                levels.add(l.textValue());
            }
        });
        return new EscalationRules(threshold, levels.isEmpty() ? List.of("GENTLE", "FIRM", "URGENT") : levels);
    }

    /** The level {@code reminder} should be raised to now, or its own level when none is due. */
    public int nextLevel(Reminder reminder) {
        int level = reminder.level();
        if (reminder.status() == ReminderStatus.OPEN && level < levels.size()
                && reminder.moveCount() >= (long) threshold * (level + 1)) {
            return level + 1;
        }
        return level;
    }

    /** Moves left before {@code reminder} is due to escalate; 0 when it is due or at the top level. */
    public int movesUntilNext(Reminder reminder) {
        if (reminder.level() >= levels.size()) {
            return 0;
        }
        return (int) Math.max(0, (long) threshold * (reminder.level() + 1) - reminder.moveCount());
    }

    /** The name of level {@code level} (1-based); {@code NONE} for 0. */
    public String name(int level) {
        return level == 0 ? "NONE" : levels.get(Math.min(level, levels.size()) - 1);
    }

    /**
     * One escalation run on {@code date}: every reminder due for it is raised one level.
     *
     * @return the new book (reminders raised, escalations recorded) and what escalated
     */
    public Run run(ReminderBook book, LocalDate date) {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(date, "date");
        ReminderBook next = book;
        List<Escalation> escalated = new ArrayList<>();
        for (Reminder r : book.reminders()) {
            int level = nextLevel(r);
            if (level != r.level()) {
                Escalation e = new Escalation(date, r.id(), level, name(level), r.moveCount());
                next = next.with(r.atLevel(level)).withEscalation(e);
                escalated.add(e);
            }
        }
        return new Run(next, escalated);
    }

    /**
     * What one escalation run did.
     *
     * @param book      the book after the run
     * @param escalated the escalations of this run
     */
    public record Run(ReminderBook book, List<Escalation> escalated) {
        public Run {
            Objects.requireNonNull(book, "book");
            escalated = List.copyOf(escalated);
        }
    }
}
