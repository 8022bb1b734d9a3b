package dev.avalon.core.reminder;

import dev.avalon.core.behaviour.BehaviourCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Escalation raises a reminder one level per run once its moves reach threshold × (level + 1)")
class EscalationRulesTest {

    private static final Instant T = Instant.parse("2026-11-23T07:00:00Z");

    static Reminder open(String id, int moves, int level) {
        return new Reminder(id, "TASK-1", id, "WERK", "#43A047", T, ReminderStatus.OPEN, moves, level, T, null);
    }

    @Test
    @DisplayName("the default rules are threshold 3 with GENTLE, FIRM and URGENT")
    void defaults() {
        EscalationRules rules = EscalationRules.from(BehaviourCheck.defaults().document());
        assertThat(rules.threshold()).isEqualTo(3);
        assertThat(rules.levels()).containsExactly("GENTLE", "FIRM", "URGENT");
    }

    @Test
    @DisplayName("2 moves stay, 3 reach GENTLE, 9 moves climb one level per run and stop at the top")
    void levels() {
        EscalationRules rules = new EscalationRules(3, List.of("GENTLE", "FIRM", "URGENT"));
        ReminderBook book = new ReminderBook(List.of(), List.of(open("R-1", 2, 0), open("R-2", 3, 0), open("R-3", 9, 0)), List.of());
        EscalationRules.Run day1 = rules.run(book, LocalDate.of(2026, 11, 24));
        assertThat(day1.escalated()).extracting(Escalation::reminderId).containsExactly("R-2", "R-3");
        EscalationRules.Run day2 = rules.run(day1.book(), LocalDate.of(2026, 11, 25));
        assertThat(day2.escalated()).extracting(Escalation::levelName).containsExactly("FIRM");
        EscalationRules.Run day3 = rules.run(day2.book(), LocalDate.of(2026, 11, 26));
        EscalationRules.Run day4 = rules.run(day3.book(), LocalDate.of(2026, 11, 27));
        assertThat(day3.escalated()).extracting(Escalation::levelName).containsExactly("URGENT");
        assertThat(day4.escalated()).isEmpty();
        assertThat(day4.book().escalations()).hasSize(4);
        assertThat(rules.movesUntilNext(day4.book().find("R-1").orElseThrow())).isEqualTo(1);
    }

    @Test
    @DisplayName("a completed reminder never escalates")
    void completedStays() {
        EscalationRules rules = new EscalationRules(1, List.of("GENTLE"));
        Reminder done = open("R-1", 5, 0).completedAt(T);
        assertThat(rules.run(new ReminderBook(List.of(), List.of(done), List.of()), LocalDate.of(2026, 11, 24)).escalated()).isEmpty();
    }
}
