package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.behaviour.SemVer;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random action sequences against the governance machinery. After every step: no commit without a
 * JA to an open consent in that very step; behaviour.avl changes only through a JA to a patch
 * approval in STATE_NORMAL (never in auto-mode or DR); the version never goes down.
 */
class GovernanceStatefulProperties {

    private static final String[] STATES = {"STATE_NORMAL", "STATE_AUTO_MODE", "STATE_DR"};

    @Property(tries = 150)
    void governanceInvariantsHoldForRandomSequences(
            @ForAll @Size(min = 5, max = 25) List<@IntRange(min = 0, max = 99) Integer> steps) {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.rateLimits(1_000_000, 1_000_000))) {
            int patchNo = 0;
            for (int step : steps) {
                String stateBefore = state(h);
                Optional<String> headBefore = h.store().head().map(CommitInfo::sha);
                String behaviourBefore = behaviourHash(h);
                SemVer versionBefore = version(h);
                JsonNode openBefore = h.dispatch("question.list").data().path("questions");
                String kindAnswered = null;
                String answerGiven = null;
                int kind = step % 8;
                switch (kind) {
                    case 0, 1 -> {
                        int current = h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold"))
                                .data().path("value").asInt(3);
                        int delta = step % 3 == 0 ? -1 : 1;
                        int before = step % 5 == 0 ? current + 7 : current; // sometimes stale
                        String source = step % 4 == 0 ? "ML" : "USER";
                        h.dispatch("behaviour.propose_patch", data("patch", data("id", "S-" + patchNo++, "type", "PATCH",
                                "path", "reminderEscalationRules.threshold", "before", before,
                                "after", Math.max(1, current + delta), "rationale", "random", "riskLevel", "LOW",
                                "source", source)));
                    }
                    case 2, 3, 4 -> {
                        if (!openBefore.isEmpty()) {
                            JsonNode q = openBefore.get(step % openBefore.size());
                            JsonNode options = q.path("options");
                            answerGiven = step % 7 == 0 ? "WEET_NIET" : options.get(step % options.size()).asText();
                            kindAnswered = q.path("kind").asText();
                            h.answer(q, answerGiven);
                        }
                    }
                    case 5 -> h.dispatch("governance.set_auto_mode", data("enabled", step % 2 == 0),
                            data("confirm", true));
                    case 6 -> h.dispatch("brain.request_commit");
                    default -> {
                        if (step > 95) {
                            // sabotage the audit log: the next action must freeze the brain
                            BrainPath file = h.store().list("audit").get(0);
                            byte[] bytes = h.store().read(file).orElseThrow();
                            String text = new String(bytes, StandardCharsets.UTF_8);
                            h.store().apply(List.of(FileChange.put(file,
                                    text.substring(0, text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8))));
                        } else {
                            h.clock().advance(Duration.ofHours(step));
                        }
                    }
                }
                Optional<String> headAfter = h.store().head().map(CommitInfo::sha);
                if (!headAfter.equals(headBefore)) {
                    assertThat(kindAnswered).as("a commit needs a JA to a consent").isEqualTo("COMMIT_CONSENT");
                    assertThat(answerGiven).isEqualTo("JA");
                    assertThat(stateBefore).isEqualTo("STATE_NORMAL");
                }
                if (!behaviourHash(h).equals(behaviourBefore)) {
                    assertThat(kindAnswered).as("behaviour changes only through a patch approval")
                            .isEqualTo("PATCH_APPROVAL");
                    assertThat(answerGiven).isEqualTo("JA");
                    assertThat(stateBefore).as("never in auto-mode or DR").isEqualTo("STATE_NORMAL");
                }
                SemVer versionAfter = version(h);
                assertThat(versionAfter.compareTo(versionBefore)).as("versions are monotonic").isGreaterThanOrEqualTo(0);
                assertThat(state(h)).isIn((Object[]) STATES);
            }
        }
    }

    private static String state(AvalonHarness h) {
        return h.dispatch("governance.status").data().path("state").asText();
    }

    private static String behaviourHash(AvalonHarness h) {
        return CanonicalJson.sha256Hex(h.store().read(BrainLayout.BEHAVIOUR).orElseThrow());
    }

    private static SemVer version(AvalonHarness h) {
        return h.avalon().brain().behaviour().behaviour().orElseThrow().version();
    }
}
