package dev.avalon.git.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.git.GitBrainStore;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Disaster recovery on a real git brain (sealed): CANCEL after a repair by hand, and SAFE_RESTORE")
class GitDisasterRecoveryTest {

    static final String KEY = "the host's key, outside the brain";
    static final byte[] BROKEN = "{broken".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T07:00:00Z"), ZoneId.of("UTC"));

    private AvalonHarness open() {
        return AvalonHarness.on(GitBrainStore.open(dir, clock), clock,
                b -> b.sealKeys(InMemorySealKeys.of(KEY)).rateLimits(100_000, 100_000));
    }

    private String committedPatch(AvalonHarness h, String id, int before, int after) {
        var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", id, "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", before, "after", after,
                "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
        clock.advance(Duration.ofMinutes(5));
        var applied = h.answer(proposed.askId(0), "JA").assertOk();
        clock.advance(Duration.ofMinutes(5));
        return h.answer(applied.askId(0), "JA").assertOk().data().path("commitSha").asText();
    }

    private static String state(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    @Test
    @DisplayName("behaviour.avl corrupted on disk: DR at open; CANCEL refused while broken; the old bytes back, CANCEL leaves DR for good")
    void cancelAfterARepairByHand() throws Exception {
        try (AvalonHarness h = open()) {
            committedPatch(h, "P-1", 3, 2);
        }
        Path behaviour = dir.resolve("behaviour.avl");
        byte[] good = Files.readAllBytes(behaviour);
        Files.write(behaviour, BROKEN);
        clock.advance(Duration.ofMinutes(5));
        try (AvalonHarness h = open()) {
            assertThat(state(h)).isEqualTo("STATE_DR");
            JsonNode status = h.dispatch("dr.status").assertOk().data();
            assertThat(status.path("trigger").path("code").asText()).isEqualTo("BEHAVIOUR_CORRUPT");
            assertThat(status.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText())
                    .startsWith("behaviour.avl"));
            String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
            String next = h.answer(question, "CANCEL").assertOk().data().path("nextQuestionId").asText();
            assertThat(state(h)).isEqualTo("STATE_DR");
            Files.write(behaviour, good);
            // the git brain trusts no stamp younger than two seconds, so the write is seen at once
            assertThat(h.answer(next, "CANCEL").assertOk().data().path("resolved").asBoolean()).isTrue();
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
        }
        clock.advance(Duration.ofMinutes(5));
        try (AvalonHarness h = open()) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("SAFE_RESTORE: the broken tree is kept on a side ref, the safe version comes back as 2.0.0, a JA commits it, and the reopened brain verifies")
    void safeRestore() throws Exception {
        String first;
        try (AvalonHarness h = open()) {
            first = committedPatch(h, "P-1", 3, 2);
            committedPatch(h, "P-2", 2, 1);
        }
        Files.write(dir.resolve("behaviour.avl"), BROKEN);
        Files.writeString(dir.resolve("notulen-by-hand.md"), "kept aside, never lost");
        clock.advance(Duration.ofMinutes(5));
        String asideRef;
        try (AvalonHarness h = open()) {
            assertThat(state(h)).isEqualTo("STATE_DR");
            JsonNode versions = h.dispatch("dr.safe_versions").assertOk().data().path("versions");
            assertThat(versions).hasSize(2);
            String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
            var restored = h.dispatch("question.answer",
                    data("id", question, "answer", "SAFE_RESTORE", "data", data("sha", first))).assertOk();
            assertThat(restored.data().path("behaviourVersion").asText()).isEqualTo("2.0.0");
            asideRef = restored.data().path("asideRef").asText();
            assertThat(asideRef).matches("refs/avalon/dr/\\d{8}T\\d{6}Z");
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(Files.exists(dir.resolve("notulen-by-hand.md"))).isFalse();
            clock.advance(Duration.ofMinutes(5));
            h.answer(restored.askId(0), "JA").assertOk();
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
        clock.advance(Duration.ofMinutes(5));
        try (AvalonHarness h = open()) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            assertThat(h.dispatch("behaviour.get").assertOk().data().path("version").asText()).isEqualTo("2.0.0");
        }
        try (Git git = Git.open(dir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Ref aside = git.getRepository().exactRef(asideRef);
            assertThat(aside).isNotNull();
            var tree = walk.parseCommit(aside.getObjectId()).getTree();
            try (TreeWalk tw = TreeWalk.forPath(git.getRepository(), "behaviour.avl", tree)) {
                assertThat(git.getRepository().open(tw.getObjectId(0)).getBytes()).isEqualTo(BROKEN);
            }
            try (TreeWalk tw = TreeWalk.forPath(git.getRepository(), "notulen-by-hand.md", tree)) {
                assertThat(tw).isNotNull();
            }
        }
    }
}
