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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The push of every commit to a real remote: a {@code git daemon} on a loopback port and a bare
 * repository on disk, restored from both; a remote that is down is retried by the job with backoff
 * and alerted, and a remote that moved on is refused, never forced.
 */
class BrainRemoteTest {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path tmp;

    /**
     * Saves minutes for day {@code n} and commits them with a JA; the new HEAD. The first call commits
     * an approved behaviour patch before, so behaviour.avl is in the history as in any brain in use.
     */
    static String commit(AvalonHarness h, int n) {
        if (n == 1) {
            AvalonHarness.Response proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1",
                    "type", "PATCH", "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
                    "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
            AvalonHarness.Response applied = h.answer(proposed.askId(0), "JA").assertOk();
            h.answer(applied.askId(0), "JA").assertOk();
        }
        h.dispatch("notulen.save", data("project", "vsb-bestuur", "date", "2026-11-" + (10 + n),
                "title", "Overleg " + n, "markdown", "# Overleg " + n + "\n\n- [ ] punt " + n + "\n")).assertOk();
        AvalonHarness.Response asked = h.dispatch("notulen.request_commit", data("project", "vsb-bestuur"))
                .assertOk();
        h.answer(asked.askId(0), "JA").assertOk();
        return h.store().head().orElseThrow().sha();
    }

    static AvalonHarness open(Path brain, MutableClock clock, BrainRemote remote) {
        return AvalonHarness.on(GitBrainStore.open(brain, clock), clock,
                b -> b.port(BrainRemote.class, remote).rateLimits(100_000, 100_000));
    }

    static Path bare(Path dir) throws Exception {
        Files.createDirectories(dir);
        GitCli.Result init = GitCli.run(dir, "init", "--bare", "-b", "main", ".");
        assertThat(init.exit()).as(init.out()).isZero();
        return dir;
    }

    static String remoteHead(Path bare) throws Exception {
        GitCli.Result r = GitCli.run(bare, "rev-parse", "refs/heads/main");
        return r.exit() == 0 ? r.out().trim() : "";
    }

    @Test
    @DisplayName("every commit reaches a git daemon on a loopback port; the brain restores from it with a clean fsck")
    void pushToGitDaemonAndRestore() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        Path base = tmp.resolve("served");
        Path remoteRepo = bare(base.resolve("brain.git"));
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        try (GitDaemon daemon = GitDaemon.start(base)) {
            Path brain = tmp.resolve("brain");
            String last;
            try (AvalonHarness h = open(brain, clock, new GitBrainRemote(brain, daemon.url("brain.git")))) {
                for (int n = 1; n <= 3; n++) {
                    last = commit(h, n);
                    assertThat(remoteHead(remoteRepo)).as("after commit %d", n).isEqualTo(last);
                }
                last = h.store().head().orElseThrow().sha();
                var status = h.dispatch("backup.list").assertOk().data().path("remote");
                assertThat(status.path("upToDate").asBoolean()).isTrue();
                assertThat(status.path("pushedHead").asText()).isEqualTo(last);
                assertThat(status.path("location").asText()).isEqualTo(daemon.url("brain.git"));
                assertThat(h.store().log(10)).hasSize(4);
            }

            BrainClone restored = BrainClone.of(daemon.url("brain.git"), tmp.resolve("restored"));

            assertThat(restored.head()).isEqualTo(last);
            assertThat(restored.problems()).isEmpty();
            GitCli.fsckClean(restored.directory());
            assertThat(Files.readString(restored.directory().resolve("notulen/vsb-bestuur/2026-11-13-overleg-3.md")))
                    .contains("punt 3");
        }
    }

    @Test
    @DisplayName("a bare repository path is a remote too, and the brain restores from it")
    void pushToBareRepositoryAndRestore() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        Path remoteRepo = bare(tmp.resolve("remote.git"));
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path brain = tmp.resolve("brain");
        String last;
        try (AvalonHarness h = open(brain, clock, new GitBrainRemote(brain, remoteRepo.toString()))) {
            commit(h, 1);
            last = commit(h, 2);
        }
        assertThat(remoteHead(remoteRepo)).isEqualTo(last);

        BrainClone restored = BrainClone.of(remoteRepo.toString(), tmp.resolve("restored"));

        assertThat(restored.head()).isEqualTo(last);
        assertThat(restored.problems()).isEmpty();
        GitCli.fsckClean(restored.directory());
        GitCli.Result remotes = GitCli.run(restored.directory(), "remote");
        assertThat(remotes.out().trim()).as("a restored brain keeps no remote").isEmpty();
    }

    @Test
    @DisplayName("a daemon that is down: the push waits with backoff, is retried by the job, alerts, then succeeds")
    void pushFailureRetriedAndAlerted() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        Path base = tmp.resolve("served");
        Path remoteRepo = bare(base.resolve("brain.git"));
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        try (GitDaemon daemon = GitDaemon.start(base)) {
            Path brain = tmp.resolve("brain");
            try (AvalonHarness h = open(brain, clock, new GitBrainRemote(brain, daemon.url("brain.git")))) {
                commit(h, 1);
                daemon.stop();
                String unpushed = commit(h, 2);

                var status = h.dispatch("backup.list").assertOk().data().path("remote");
                assertThat(status.path("upToDate").asBoolean()).isFalse();
                assertThat(status.path("attempts").asInt()).isEqualTo(1);
                assertThat(Instant.parse(status.path("nextAttemptAt").asText()))
                        .isEqualTo(START.plus(Duration.ofMinutes(1)));
                assertThat(h.alerts().at(AlertLevel.IMPORTANT)).isEmpty();

                // 1, 2 minutes of backoff: the third failure in a row is alerted, once
                h.tickTo(START.plus(Duration.ofMinutes(1)));
                h.tickTo(START.plus(Duration.ofMinutes(2)));
                h.tickTo(START.plus(Duration.ofMinutes(3)));
                assertThat(h.dispatch("backup.list").data().path("remote").path("attempts").asInt()).isEqualTo(3);
                List<Alert> important = h.alerts().at(AlertLevel.IMPORTANT);
                assertThat(important).extracting(Alert::code).containsExactly("REMOTE_PUSH_FAILING");
                assertThat(h.alerts().at(AlertLevel.CRITICAL)).as("the brain itself is sound").isEmpty();
                // before the backoff (4 minutes after the third failure) nothing is tried
                h.tickTo(START.plus(Duration.ofMinutes(5)));
                assertThat(h.dispatch("backup.list").data().path("remote").path("attempts").asInt()).isEqualTo(3);
                assertThat(remoteHead(remoteRepo)).isNotEqualTo(unpushed);

                daemon.restart();
                h.tickTo(START.plus(Duration.ofMinutes(15))).assertRan("remote-push");

                assertThat(remoteHead(remoteRepo)).isEqualTo(unpushed);
                var after = h.dispatch("backup.list").assertOk().data().path("remote");
                assertThat(after.path("upToDate").asBoolean()).isTrue();
                assertThat(after.path("attempts").asInt()).isZero();
                assertThat(h.alerts().at(AlertLevel.INFO)).extracting(Alert::code).contains("REMOTE_PUSH_RECOVERED");
                assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("a remote that has commits the brain does not is refused and alerted at once, never forced")
    void nonFastForwardIsRefusedNotForced() throws Exception {
        assumeTrue(GitCli.available(), "git is on the PATH");
        Path remoteRepo = bare(tmp.resolve("remote.git"));
        MutableClock clock = new MutableClock(START, ZoneId.of("UTC"));
        Path brain = tmp.resolve("brain");
        try (AvalonHarness h = open(brain, clock, new GitBrainRemote(brain, remoteRepo.toString()))) {
            commit(h, 1);
            // someone else pushes a commit of their own to the remote
            Path other = tmp.resolve("other");
            assertThat(GitCli.run(tmp, "clone", "-q", remoteRepo.toString(), other.toString()).exit()).isZero();
            Files.writeString(other.resolve("elsewhere.txt"), "not from this brain\n");
            GitCli.run(other, "add", "elsewhere.txt");
            GitCli.run(other, "-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-qm", "elsewhere");
            assertThat(GitCli.run(other, "push", "-q", "origin", "main").exit()).isZero();
            String theirs = remoteHead(remoteRepo);

            commit(h, 2);

            assertThat(remoteHead(remoteRepo)).as("the remote keeps its own commit").isEqualTo(theirs);
            assertThat(h.alerts().at(AlertLevel.IMPORTANT)).extracting(Alert::code)
                    .containsExactly("REMOTE_PUSH_REJECTED");
            var status = h.dispatch("backup.list").assertOk().data().path("remote");
            assertThat(status.path("rejected").asBoolean()).isTrue();
            assertThat(new GitBrainRemote(brain, remoteRepo.toString()).push().status())
                    .isEqualTo(PushResult.Status.REJECTED);
        }
    }
}
