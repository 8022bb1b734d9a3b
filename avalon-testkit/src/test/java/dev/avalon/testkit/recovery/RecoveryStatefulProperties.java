package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.workflow.WeekcloseFeature;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of proposals, answers, expiries, ticks, corruptions (behaviour.avl, the ledger, the
 * question book, the governance state, a line of the audit log) and repairs on an in-memory brain. After
 * every step: no patch is QUEUED without an open question (one past its expiry counts until the next
 * tick's expiry job moves its flow on) or a running weekclose, out of DR no patch awaits an approval the
 * book does not hold, and
 * HEAD moves only on a JA to a COMMIT_CONSENT asked in an earlier step, to exactly the content it
 * names. After the sequence the brain gets back to STATE_NORMAL through actions alone (the DR_RESOLUTION
 * answers), validates, and still holds every income the user registered.
 *
 * <p>The build runs {@value #TRIES} sequences. {@code -Davalon.recovery.sequencesPerTry=N} runs N more
 * per try, drawn from the same generator (249 gives the 10,000 of docs/BENCHMARKS.md).
 */
class RecoveryStatefulProperties {

    static final int TRIES = 40;
    private static final int EXTRA = Integer.getInteger("avalon.recovery.sequencesPerTry", 0);
    private static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");
    private static final byte[] BROKEN = "{broken".getBytes(StandardCharsets.UTF_8);
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Provide
    Arbitrary<List<Integer>> sequences() {
        return Arbitraries.integers().between(0, 99).list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = TRIES)
    @Label("random proposals, answers, expiries, ticks, corruptions and repairs: nothing jams, nothing is"
            + " committed without its JA, and the actions alone lead back to STATE_NORMAL")
    void governanceAndRecoveryHold(@ForAll("sequences") List<Integer> steps) {
        boolean wentIntoDr = run(steps);
        Statistics.label("went into DR").collect(wentIntoDr);
        // the recovery half of the property means something only if many sequences freeze the brain
        Statistics.label("went into DR").coverage(c -> c.check(true).percentage(p -> p >= 20));
        if (EXTRA > 0) {
            // these are not shrunk: a failure names its sequence, to replay as the property's sample
            sequences().sampleStream().limit(EXTRA).forEach(extra -> {
                try {
                    run(extra);
                } catch (AssertionError e) {
                    throw new AssertionError("sequence " + extra + ": " + e.getMessage(), e);
                }
            });
        }
    }

    @Example
    @Label("found by a long run: a question book lost behind an applied patch's consent left the next patch QUEUED")
    void lostConsentBehindAnAppliedPatch() {
        run(List.of(8, 9, 22, 40, 1, 85, 18, 23, 29, 43, 52, 38, 11, 19, 1, 8, 28, 9, 27, 15, 52, 43, 59, 95, 38,
                79, 67, 14));
    }

    /** Runs one sequence and its checks; whether the brain was in STATE_DR at some point. */
    private static boolean run(List<Integer> steps) {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.rateLimits(1_000_000, 1_000_000))) {
            Ledger ledger = new Ledger();
            // a first commit, so history holds a valid version of every file a repair may need
            ledger.income(h, 1);
            commitEverything(h);
            Map<String, JsonNode> consentsSeen = new HashMap<>();
            int patchNo = 0;
            boolean wentIntoDr = false;
            for (int step : steps) {
                Optional<String> headBefore = h.store().head().map(CommitInfo::sha);
                JsonNode openBefore = h.dispatch("question.list").data().path("questions");
                openBefore.forEach(q -> consentsSeen.put(q.path("id").asText(), q));
                JsonNode answered = null;
                String answerGiven = null;
                switch (step % 10) {
                    case 0, 1 -> {
                        int current = h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold"))
                                .data().path("value").asInt(3);
                        String path = step % 2 == 0 ? "reminderEscalationRules.threshold" : "calendar.bufferMinutes";
                        int now = path.startsWith("calendar") ? h.dispatch("behaviour.get", data("path", path))
                                .data().path("value").asInt(10) : current;
                        h.dispatch("behaviour.propose_patch", data("patch", data("id", "S-" + patchNo++, "type",
                                "PATCH", "path", path, "before", step % 9 == 0 ? now + 7 : now,
                                "after", Math.max(1, now + (step % 3 == 0 ? -1 : 1)), "rationale", "random",
                                "riskLevel", "LOW", "source", step % 4 == 0 ? "ML" : "USER")));
                    }
                    case 2, 3 -> {
                        if (!openBefore.isEmpty()) {
                            answered = openBefore.get(step % openBefore.size());
                            JsonNode options = answered.path("options");
                            answerGiven = step % 7 == 0 ? "WEET_NIET" : options.get(step % options.size()).asText();
                            ledger.listed(h.answer(answered, answerGiven));
                        }
                    }
                    case 4 -> {
                        // every open question expires
                        h.clock().advance(Duration.ofDays(8));
                        tick(h);
                    }
                    case 5 -> {
                        h.clock().advance(Duration.ofHours(1 + step % 30));
                        tick(h);
                    }
                    case 6 -> h.dispatch("brain.request_commit");
                    case 7 -> corrupt(h, step);
                    case 8 -> {
                        Optional<String> q = resolutionQuestion(h);
                        if (q.isPresent()) {
                            answerGiven = step % 3 == 0 ? "SAFE_RESTORE" : step % 3 == 1 ? "KEEP_AND_REPAIR" : "CANCEL";
                            ledger.listed(h.answer(q.get(), answerGiven));
                        }
                    }
                    default -> ledger.income(h, step);
                }
                Optional<String> headAfter = h.store().head().map(CommitInfo::sha);
                if (!headAfter.equals(headBefore)) {
                    assertThat(answered).as("a commit needs a JA to a consent asked before").isNotNull();
                    assertThat(answered.path("kind").asText()).isEqualTo("COMMIT_CONSENT");
                    assertThat(answerGiven).isEqualTo("JA");
                    Map<BrainPath, String> committed = h.store().contentHashes(headAfter.orElseThrow());
                    answered.path("data").path("files").forEach(f -> assertThat(committed.get(BrainPath.of(
                            f.path("path").asText()))).as("the commit holds what the JA approved")
                            .isEqualTo(f.path("sha256").isTextual() ? f.path("sha256").asText() : null));
                }
                assertNothingQueuedAlone(h);
                wentIntoDr |= state(h).equals("STATE_DR");
            }
            recover(h, ledger);
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            ledger.assertKept(h);
            return wentIntoDr;
        }
    }

    private static void tick(AvalonHarness h) {
        h.dispatch("system.tick", data("now", OFFSET_TIME.format(h.clock().instant().atZone(h.clock().getZone()))));
    }

    /**
     * Breaks a file behind Avalon's back: behaviour.avl, the ledger, one of the freeze's own files (the
     * question book, the governance state), or a line inside the audit log (edited, so its hash no longer
     * matches), which KEEP_AND_REPAIR's seal mends; the next request, the chain check or a job finds it.
     * The edited line still reads: a line made unreadable can destroy the only record of a commit or of an
     * income entered since HEAD, which no repair can bring back.
     */
    private static void corrupt(AvalonHarness h, int step) {
        if ((step / 10) % 5 == 4) {
            BrainPath audit = h.store().list("audit").stream().filter(p -> p.value().endsWith(".jsonl"))
                    .max(java.util.Comparator.comparing(BrainPath::value)).orElseThrow();
            List<String> lines = new ArrayList<>(List.of(new String(h.store().read(audit).orElseThrow(),
                    StandardCharsets.UTF_8).split("\n")));
            int at = lines.size() / 2;
            lines.set(at, lines.get(at).replace("\"actor\":\"", "\"actor\":\"edited-"));
            h.store().apply(List.of(FileChange.put(audit,
                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))));
            h.dispatch("audit.verify");
            return;
        }
        BrainPath target = switch ((step / 10) % 5) {
            case 0 -> BrainLayout.BEHAVIOUR;
            case 1 -> LEDGER;
            case 2 -> BrainLayout.QUESTIONS;
            default -> BrainLayout.GOVERNANCE;
        };
        h.store().apply(List.of(FileChange.put(target, BROKEN)));
        h.dispatch("governance.status");
        h.dispatch("finance.overview");
        h.dispatch("question.list");
    }

    private static Optional<String> resolutionQuestion(AvalonHarness h) {
        for (JsonNode q : h.dispatch("question.list").data().path("questions")) {
            if (q.path("kind").asText().equals("DR_RESOLUTION")) {
                return Optional.of(q.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The way out a user takes: KEEP_AND_REPAIR first, SAFE_RESTORE when that is not enough. */
    private static void recover(AvalonHarness h, Ledger ledger) {
        for (int round = 0; round < 4 && !state(h).equals("STATE_NORMAL"); round++) {
            if (state(h).equals("STATE_AUTO_MODE")) {
                h.dispatch("governance.set_auto_mode", data("enabled", false), data("confirm", true));
                continue;
            }
            String q = h.dispatch("dr.start_resolution").assertOk().data().path("questionId").asText();
            if (q.isEmpty()) {
                // STATE_INCONSISTENT ends by itself once behaviour.avl is as the audit log says
                h.dispatch("governance.status");
                continue;
            }
            AvalonHarness.Response answer = h.answer(q, round % 2 == 0 ? "KEEP_AND_REPAIR" : "SAFE_RESTORE").assertOk();
            ledger.listed(answer);
            JsonNode consent = answer.ask(0);
            if (consent.path("kind").asText().equals("COMMIT_CONSENT")) {
                // a restore asks consent to commit what came back
                h.answer(consent.path("id").asText(), "JA");
            }
        }
    }

    private static void commitEverything(AvalonHarness h) {
        JsonNode asked = h.dispatch("brain.request_commit").data();
        if (asked.path("questionId").isTextual()) {
            h.answer(asked.path("questionId").asText(), "JA").assertOk();
        }
    }

    private static void assertNothingQueuedAlone(AvalonHarness h) {
        JsonNode status = h.dispatch("governance.status").data();
        JsonNode patches = status.path("patches");
        if (!status.path("state").asText().equals("STATE_DR")) {
            // out of DR, a patch awaiting approval has its question in the book (a lost one is asked again)
            var book = h.avalon().brain().questions();
            patches.forEach(p -> {
                if (p.path("status").asText().equals("AWAITING_APPROVAL")) {
                    assertThat(book.find(p.path("questionId").asText())).as("the approval of " + p).isPresent();
                }
            });
        }
        List<String> queued = new ArrayList<>();
        patches.forEach(p -> {
            if (p.path("status").asText().equals("QUEUED")) {
                queued.add(p.path("patch").path("id").asText());
            }
        });
        if (queued.isEmpty()) {
            return;
        }
        // a question past its expiry stays OPEN until the next tick's expiry job closes it and moves its
        // flow on (in DR the scheduler waits, and dr.start_resolution asks again): it still counts
        boolean questionOpen = h.avalon().brain().questions().all().stream()
                .anyMatch(q -> q.status() == dev.avalon.core.question.QuestionStatus.OPEN);
        boolean weekclose = WeekcloseFeature.frozenBy(h.avalon().brain()).isPresent();
        assertThat(questionOpen || weekclose).as("patches " + queued + " wait with no question and no weekclose").isTrue();
    }

    private static String state(AvalonHarness h) {
        return h.dispatch("governance.status").data().path("state").asText();
    }

    /**
     * The incomes the user registered and Avalon accepted, and how many a restore or repair listed as
     * entered after the version it went back to (to be entered again): at the end every income is in
     * the ledger, or was among those listed.
     */
    private static final class Ledger {
        private final List<String> sources = new ArrayList<>();
        private int listed;

        void income(AvalonHarness h, int n) {
            String source = "bron-" + sources.size() + "-" + n;
            if (h.dispatch("finance.register_income", data("amount", n + ".00", "source", source,
                    "date", "2026-11-23")).result().ok()) {
                sources.add(source);
            }
        }

        void listed(AvalonHarness.Response answer) {
            listed += answer.data().path("enteredAfter").path("counts").path("finance.income_registered").asInt(0);
        }

        void assertKept(AvalonHarness h) {
            String ledger = new String(h.store().read(LEDGER).orElseThrow(), StandardCharsets.UTF_8);
            long missing = sources.stream().filter(s -> !ledger.contains(s)).count();
            assertThat(missing).as("incomes neither in the ledger nor listed for re-entry").isLessThanOrEqualTo(listed);
        }
    }
}
