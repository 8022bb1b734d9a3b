package dev.avalon.core.alert;

import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLogProperties {

    /** One step: raise code/job, or acknowledge the newest entry of that code and job. */
    record Step(String code, String job, boolean ack) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of("JOB_FAILED", "BACKUP_FAILED"),
                Arbitraries.of("weekclose", "backup", "finance-check"),
                Arbitraries.integers().between(0, 4).map(i -> i == 0)).as(Step::new);
        return step.list().ofMaxSize(60);
    }

    @Property
    void everyRaiseIsCountedOnceAndOpenAlertsAreUniquePerCodeAndSubject(@ForAll("steps") List<Step> steps) {
        AlertLog log = AlertLog.EMPTY;
        Instant at = Instant.parse("2026-11-23T07:00:00Z");
        int raised = 0;
        for (Step s : steps) {
            at = at.plusSeconds(60);
            if (s.ack()) {
                String subject = "job=" + s.job();
                String id = log.newestFirst(null, false).stream()
                        .filter(e -> e.code().equals(s.code()) && e.subject().equals(subject))
                        .map(AlertEntry::id).findFirst().orElse(null);
                if (id != null) {
                    log = log.acknowledge(id, at, "owner");
                }
            } else {
                log = log.record(new Alert(AlertLevel.IMPORTANT, s.code(), "failed", at, Map.of("job", s.job())));
                raised++;
            }
            // the stored form reads back as the same log
            assertThat(AlertLog.fromJson(log.toJson())).isEqualTo(log);
        }
        assertThat(log.entries().stream().mapToInt(AlertEntry::count).sum()).isEqualTo(raised);
        Set<String> open = new HashSet<>();
        for (AlertEntry e : log.newestFirst(null, false)) {
            assertThat(open.add(e.code() + "|" + e.subject())).as("one open alert per code and subject").isTrue();
        }
        assertThat(log.entries()).extracting(AlertEntry::id).doesNotHaveDuplicates();
        assertThat(log.newestFirst(null, null)).isSortedAccordingTo(
                (a, b) -> b.lastSeen().compareTo(a.lastSeen()));
    }
}
