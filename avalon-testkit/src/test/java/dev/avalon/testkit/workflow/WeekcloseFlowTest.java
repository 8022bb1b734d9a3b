package dev.avalon.testkit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@DisplayName("Weekclose closes a week: sheet, metrics, one question per proposal, FIFO apply, one commit")
class WeekcloseFlowTest {

    static final String WEEK = "2026-W47";
    static final String WEEK_DATA = "{\"week\":\"" + WEEK + "\"}";
    static final String SUNDAY_EVENING = "2026-11-22T20:00:00+01:00";
    static final String MONDAY_0800 = "2026-11-23T08:00:00+01:00";

    /** A week of entries (stress rising, reminders moved) that leads to two proposals. */
    static void recordWeek(AvalonHarness h) {
        int[][] days = {{16, 4, 8, 2}, {17, 5, 7, 1}, {18, 6, 6, 3}, {20, 8, 5, 2}};
        for (int[] d : days) {
            h.dispatch("logbook.add_daily_entry", "{\"activiteit\":\"Offerte\",\"domein\":\"VSB\",\"stress\":" + d[1]
                    + ",\"motivatie\":" + d[2] + ",\"status\":\"partial\",\"moveCount\":" + d[3]
                    + ",\"date\":\"2026-11-" + d[0] + "\"}").assertOk();
        }
        String id = h.dispatch("reminder.create", "{\"title\":\"Offerte versturen\",\"due\":\"2026-11-23T09:00:00+01:00\","
                + "\"domein\":\"VSB\",\"task\":\"Offerte VSB\"}").assertOk().data().path("reminder").path("id").asText();
        if (!id.isEmpty()) {
            h.dispatch("reminder.move", "{\"id\":\"" + id + "\",\"due\":\"2026-11-24T09:00:00+01:00\"}").assertOk();
        }
    }

    static AvalonHarness open(BrainStore store, MutableClock clock, SheetRenderer renderer, SequentialIds ids) {
        Consumer<dev.avalon.core.Avalon.Builder> wiring = b -> b.port(SheetRenderer.class, renderer).ids(ids);
        return AvalonHarness.on(store, clock, wiring);
    }

    static JsonNode status(AvalonHarness h) {
        return h.dispatch("weekclose.status", WEEK_DATA).assertOk().data();
    }

    static String answer(AvalonHarness h, String questionId, String answer) {
        return "{\"id\":\"" + questionId + "\",\"answer\":\"" + answer + "\"}";
    }

    /**
     * Plays the user's part from whatever state the week is in: start, JA to the first proposal and
     * NEE to the others, JA to the commit. Stops early (false) when the store lost power.
     */
    static boolean drive(AvalonHarness h, CrashingStore store) {
        for (int i = 0; i < 30; i++) {
            if (store.crashed()) {
                return false;
            }
            JsonNode s = status(h);
            switch (s.path("state").asText()) {
                case "CLOSED" -> {
                    return true;
                }
                case "ASKING" -> {
                    JsonNode proposals = s.path("weekclose").path("proposals");
                    boolean answered = false;
                    for (int p = 0; p < proposals.size() && !store.crashed(); p++) {
                        if (proposals.get(p).path("answer").isNull()) {
                            h.dispatch("question.answer", answer(h, proposals.get(p).path("questionId").asText(),
                                    p == 0 ? "JA" : "NEE"));
                            answered = true;
                        }
                    }
                    if (!answered) {
                        // every answer is in, but the host stopped before the next step: a start resumes it
                        h.dispatch("weekclose.start", WEEK_DATA);
                    }
                }
                case "AWAITING_CONSENT" -> {
                    boolean answered = false;
                    for (JsonNode q : h.dispatch("question.list").assertOk().data().path("questions")) {
                        if ("COMMIT_CONSENT".equals(q.path("kind").asText())) {
                            h.dispatch("question.answer", answer(h, q.path("id").asText(), "JA"));
                            answered = true;
                            break;
                        }
                    }
                    if (!answered) {
                        h.dispatch("weekclose.start", WEEK_DATA);
                    }
                }
                default -> h.dispatch("weekclose.start", WEEK_DATA);
            }
        }
        return fail("weekclose did not close: " + status(h));
    }

    /** What a finished run leaves behind, free of ids that depend on how often the host restarted. */
    record Final(String state, List<String> results, Map<String, String> committed, List<String> auditTypes,
                 int commits, String version) {
    }

    static Final finalOf(InMemoryBrainStore store) throws IOException {
        CommitInfo head = store.head().orElseThrow();
        Map<String, String> committed = new LinkedHashMap<>();
        store.contentHashes(head.sha()).forEach((p, hash) -> {
            if (!p.isUnder("audit")) {
                committed.put(p.value(), hash);
            }
        });
        List<String> types = new ArrayList<>();
        for (BrainPath p : store.list("audit")) {
            for (String line : new String(store.read(p).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
                String type = line.isBlank() ? null : Json.parse(line).path("type").asText();
                // a recovery leaves its own record; apart from it the result equals an uninterrupted run
                if (type != null && !type.equals("commit.recovered")) {
                    types.add(type);
                }
            }
        }
        JsonNode w = Json.parse(store.read(BrainPath.of("state/workflows/weekclose-" + WEEK + ".json")).orElseThrow());
        List<String> results = new ArrayList<>();
        w.path("proposals").forEach(p -> results.add(p.path("patch").path("id").asText() + "=" + p.path("result").asText()));
        String version = Json.parse(store.read(BrainPath.of("behaviour.avl")).orElseThrow()).path("version").asText();
        return new Final(w.path("state").asText(), results, committed, types, store.log(100).size(), version);
    }

    /** One whole run; with {@code crashAt} the store loses power at that write after the week was recorded. */
    static Final run(Integer crashAt, int[] writes) throws IOException {
        InMemoryBrainStore real = new InMemoryBrainStore();
        MutableClock clock = MutableClock.at(SUNDAY_EVENING);
        SequentialIds ids = new SequentialIds();
        SheetRenderer renderer = new FakeSheetRenderer(false);
        CrashingStore first = new CrashingStore(real);
        try (AvalonHarness h = open(first, clock, renderer, ids)) {
            recordWeek(h);
            clock.setTo(OffsetDateTime.parse(MONDAY_0800).toInstant());
            int base = first.applies();
            if (crashAt != null) {
                first.crashAtWrite(crashAt);
            }
            boolean finished = drive(h, first);
            writes[0] = first.applies() - base;
            if (finished) {
                return finalOf(real);
            }
        }
        CrashingStore second = new CrashingStore(real);
        try (AvalonHarness h = open(second, clock, renderer, ids)) {
            assertThat(drive(h, second)).isTrue();
        }
        return finalOf(real);
    }

    @Test
    @DisplayName("JA to one proposal and NEE to another: the commit holds the sheet, the audit entries and the bumped behaviour.avl")
    void wholeFlow() throws IOException {
        MutableClock clock = MutableClock.at(SUNDAY_EVENING);
        InMemoryBrainStore store = new InMemoryBrainStore();
        try (AvalonHarness h = open(store, clock, new FakeSheetRenderer(false), new SequentialIds())) {
            recordWeek(h);
            clock.setTo(OffsetDateTime.parse(MONDAY_0800).toInstant());
            AvalonHarness.Response started = h.dispatch("weekclose.start").assertOk();
            JsonNode w = started.data().path("weekclose");
            assertThat(w.path("week").asText()).isEqualTo(WEEK);
            assertThat(w.path("state").asText()).isEqualTo("ASKING");
            assertThat(w.path("sheet").path("path").asText()).isEqualTo("logbook/" + WEEK + ".xlsx");
            assertThat(w.path("sheet").path("rows").asInt()).isEqualTo(4);
            assertThat(w.path("metrics").path("metrics").path("procrastinationIndex").path("value").isNumber()).isTrue();
            JsonNode proposals = w.path("proposals");
            assertThat(proposals.size()).isEqualTo(2);
            assertThat(started.askId(1)).isNotBlank();
            JsonNode first = started.ask(0);
            assertThat(first.path("kind").asText()).isEqualTo("WEEKCLOSE_PROPOSAL");
            assertThat(first.path("prompt").asText()).contains(proposals.get(0).path("patch").path("rationale").asText());
            assertThat(store.read(BrainPath.of("logbook/" + WEEK + ".xlsx"))).isPresent();

            // frozen: no behaviour patch may be proposed while the weekclose is open
            AvalonHarness.Snapshot before = h.snapshot();
            AvalonHarness.Response frozen = h.dispatch("behaviour.propose_patch", "{\"patch\":{\"id\":\"P-9\","
                    + "\"type\":\"PATCH\",\"path\":\"calendar.bufferMinutes\",\"before\":10,\"after\":15,"
                    + "\"rationale\":\"meer ruimte\",\"riskLevel\":\"LOW\",\"source\":\"USER\",\"explicitUserIntent\":false}}")
                    .assertRejected(ErrorCode.GOVERNANCE_FORBIDDEN);
            assertThat(frozen.rejected().error().details().get(0).problem()).contains("weekclose " + WEEK);
            assertThat(h.snapshot()).isEqualTo(before);

            // answers in reverse order: NEE to the second, then JA to the first
            String q1 = proposals.get(0).path("questionId").asText();
            String q2 = proposals.get(1).path("questionId").asText();
            h.dispatch("question.answer", answer(h, q2, "NEE")).assertOk();
            assertThat(status(h).path("state").asText()).isEqualTo("ASKING");
            AvalonHarness.Response last = h.dispatch("question.answer", answer(h, q1, "JA")).assertOk();
            assertThat(last.data().path("weekclose").path("state").asText()).isEqualTo("AWAITING_CONSENT");
            JsonNode consent = last.ask(0);
            assertThat(consent.path("kind").asText()).isEqualTo("COMMIT_CONSENT");
            assertThat(consent.path("data").path("context").path("workflow").asText()).isEqualTo("weekclose");
            assertThat(consent.path("data").path("context").path("patchIds").get(0).asText())
                    .isEqualTo(proposals.get(0).path("patch").path("id").asText());

            JsonNode done = h.dispatch("question.answer", answer(h, consent.path("id").asText(), "JA")).assertOk().data();
            assertThat(done.path("committed").asBoolean()).isTrue();
            assertThat(done.path("weekclose").path("state").asText()).isEqualTo("CLOSED");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
        InMemoryBrainStore after = store.reopen();
        Final f = finalOf(after);
        assertThat(f.state()).isEqualTo("CLOSED");
        assertThat(f.results()).containsExactly(proposalId(1) + "=APPLIED", proposalId(2) + "=DECLINED");
        assertThat(f.committed()).containsKeys("logbook/" + WEEK + ".xlsx", "behaviour.avl");
        assertThat(f.version()).isEqualTo("1.0.1");
        assertThat(f.commits()).isEqualTo(1);
        assertThat(after.uncommitted()).noneMatch(p -> p.value().equals("behaviour.avl")
                || p.value().startsWith("logbook/"));
        assertThat(f.auditTypes()).containsSubsequence("weekclose.started", "weekclose.sheet_compiled",
                "weekclose.metrics_computed", "weekclose.proposals_generated", "weekclose.proposals_presented",
                "weekclose.proposal_answered", "weekclose.proposal_answered", "governance.patch_applied",
                "weekclose.patches_applied", "weekclose.commit_requested", "commit.approved", "commit.recorded",
                "governance.patch_committed", "weekclose.closed");
        String committedAudit = after.contentHashes(after.head().orElseThrow().sha()).keySet().stream()
                .map(BrainPath::value).filter(p -> p.startsWith("audit/")).findFirst().orElse("");
        assertThat(committedAudit).isNotEmpty();
    }

    static String proposalId(int n) throws IOException {
        return "ML-" + WEEK + "-" + n;
    }

    @Test
    @DisplayName("a crash at any write from the start to the close, then a new Avalon, finishes like an uninterrupted run")
    void crashAtEveryStep() throws IOException {
        int[] writes = new int[1];
        Final reference = run(null, writes);
        assertThat(reference.state()).isEqualTo("CLOSED");
        int total = writes[0];
        assertThat(total).isGreaterThanOrEqualTo(10);
        for (int k = 1; k <= total; k++) {
            Final crashed = run(k, new int[1]);
            assertThat(crashed).as("crash at write %d of %d", k, total).isEqualTo(reference);
        }
    }
}
