package dev.avalon.git;

import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainRemote;
import dev.avalon.core.port.PushResult;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push's backoff and alerts over a day, against a remote that answers as told: which attempts are
 * made when, and what the user hears.
 */
class RemotePushAlertsTest {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path tmp;

    /** A remote that fails until told otherwise, and records the moment of every attempt. */
    static final class ScriptedRemote implements BrainRemote {
        final List<Instant> attempts = new ArrayList<>();
        final MutableClock clock;
        PushResult.Status answer = PushResult.Status.FAILED;

        ScriptedRemote(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public String location() {
            return "git://nas.example/brain.git";
        }

        @Override
        public PushResult push() {
            attempts.add(clock.instant());
            return new PushResult(answer, "", answer == PushResult.Status.PUSHED ? "" : "connection refused");
        }
    }

    static Instant nextAttempt(AvalonHarness h) {
        return Instant.parse(h.dispatch("backup.list").assertOk().data().path("remote").path("nextAttemptAt").asText());
    }

    @Test
    @DisplayName("backoff doubles up to an hour; IMPORTANT at the third failure and after a day; a new commit tries at once")
    void backoffAndAlertsOverADay() {
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        ScriptedRemote remote = new ScriptedRemote(clock);
        Path brain = tmp.resolve("brain");
        try (AvalonHarness h = AvalonHarness.on(GitBrainStore.open(brain, clock), clock,
                b -> b.port(BrainRemote.class, remote).rateLimits(100_000, 100_000))) {
            BrainRemoteTest.commit(h, 1);
            int made = remote.attempts.size();
            assertThat(made).as("each commit is pushed right after it is made").isPositive();
            remote.attempts.clear();

            // the host's timer wakes when the remote's status says the next attempt is due, for 25 hours
            Instant end = START.plus(Duration.ofHours(25));
            for (Instant next = nextAttempt(h); !next.isAfter(end); next = nextAttempt(h)) {
                h.tickTo(next);
            }

            // two failures at minute 0 (the patch's commit and the minutes' commit, each pushed at once),
            // so the next waits 2 minutes; then 4, 8, 16, 32 minutes apart, then hourly
            List<Long> minutes = remote.attempts.stream()
                    .map(t -> Duration.between(START, t).toMinutes()).toList();
            assertThat(minutes).startsWith(2L, 6L, 14L, 30L, 62L, 122L, 182L, 242L);
            assertThat(minutes).hasSize(6 + (25 * 60 - 182) / 60 + 1);
            // a day after the first failure, the next attempt (minute 1442) tells the user the remote is behind
            List<String> important = h.alerts().at(AlertLevel.IMPORTANT).stream().map(Alert::code)
                    .filter(code -> code.startsWith("REMOTE_")).toList();
            assertThat(important).containsExactly("REMOTE_PUSH_FAILING", "REMOTE_PUSH_STALE");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();

            // a new commit does not wait for the backoff
            remote.attempts.clear();
            clock.advance(Duration.ofMinutes(1));
            BrainRemoteTest.commit(h, 2);
            assertThat(remote.attempts).isNotEmpty();

            remote.answer = PushResult.Status.PUSHED;
            h.tickTo(clock.instant().plus(Duration.ofHours(1)));
            assertThat(h.alerts().at(AlertLevel.INFO)).extracting(Alert::code).contains("REMOTE_PUSH_RECOVERED");
            var status = h.dispatch("backup.list").assertOk().data().path("remote");
            assertThat(status.path("upToDate").asBoolean()).isTrue();
            assertThat(status.path("alerted").asBoolean()).isFalse();
        }
    }
}
