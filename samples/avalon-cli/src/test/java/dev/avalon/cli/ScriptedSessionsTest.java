package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("Checked-in avalon run sessions (sessions/*.jsonl) on a manual clock")
class ScriptedSessionsTest {

    @TempDir
    Path tmp;

    /** What a session printed: one answer per non-blank script line, in order. */
    private record Played(List<String> requests, List<JsonNode> answers, String err) {
        JsonNode answer(int i) {
            return answers.get(i);
        }

        /** The index of the {@code n}-th (0-based) request for {@code action}. */
        int index(String action, int n) {
            int seen = 0;
            for (int i = 0; i < requests.size(); i++) {
                if (Cli.parse(requests.get(i)).path("action").asText().equals(action) && seen++ == n) {
                    return i;
                }
            }
            throw new AssertionError("no request #" + n + " for " + action);
        }
    }

    private Played play(String resource, Path brain, String clock) throws IOException {
        List<String> requests;
        byte[] script;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            script = in.readAllBytes();
        }
        requests = new String(script, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        Cli.Execution run = Cli.execute(script, "run", "--brain", brain.toString(), "--clock", clock, "--sequential-ids");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> answers = run.jsonLines();
        assertThat(answers).as(run.err()).hasSize(requests.size());
        for (int i = 0; i < answers.size(); i++) {
            JsonNode request = Cli.parse(requests.get(i));
            assertThat(answers.get(i).path("action").asText()).isEqualTo(request.path("action").asText());
            assertThat(answers.get(i).path("ok").asBoolean())
                    .as("line %d %s answered %s", i + 1, requests.get(i), answers.get(i)).isTrue();
        }
        return new Played(requests, answers, run.err());
    }

    @Test
    @DisplayName("issue 3: a week of entries, a reminder moved until it escalates, Monday 08:00 weekclose, JA and NEE, one commit")
    void weekclose() throws Exception {
        Path brain = tmp.resolve("brain");
        Played s = play("sessions/weekclose.jsonl", brain, "2026-11-23T09:30:00+01:00");

        // three moves reach the default threshold; the 07:30 check on Friday escalates the reminder
        JsonNode lastMove = s.answer(s.index("reminder.move", 2)).path("data").path("reminder");
        assertThat(lastMove.path("moveCount").asInt()).isEqualTo(3);
        assertThat(lastMove.path("movesUntilEscalation").asInt()).isZero();
        JsonNode friday = s.answer(s.index("system.tick", 4)).path("data");
        assertThat(friday.path("now").asText()).isEqualTo("2026-11-27T07:30:00+01:00");
        JsonNode escalation = job(friday, "reminder-escalation");
        assertThat(escalation.path("late").asBoolean()).isFalse();
        assertThat(escalation.path("result").path("escalated")).hasSize(1);
        assertThat(escalation.path("result").path("escalated").get(0).path("title").asText()).isEqualTo("Belastingaangifte");
        assertThat(escalation.path("result").path("escalated").get(0).path("levelName").asText()).isEqualTo("GENTLE");
        assertThat(s.err()).contains("ALERT IMPORTANT REMINDER_ESCALATED");
        assertThat(s.answer(s.index("logbook.week", 0)).path("data").path("entries")).hasSize(14);

        // Monday 08:00: the weekclose job has compiled the sheet and asks one question per proposal
        JsonNode monday = s.answer(s.index("system.tick", 7)).path("data");
        assertThat(job(monday, "weekclose").path("ok").asBoolean()).isTrue();
        JsonNode asking = s.answer(s.index("weekclose.status", 0)).path("data");
        assertThat(asking.path("state").asText()).isEqualTo("ASKING");
        JsonNode proposals = asking.path("weekclose").path("proposals");
        assertThat(proposals).hasSize(2);
        assertThat(proposals.get(0).path("questionId").asText()).isEqualTo("Q-0001");
        assertThat(proposals.get(0).path("patch").path("path").asText()).isEqualTo("reminderEscalationRules.threshold");
        assertThat(proposals.get(1).path("questionId").asText()).isEqualTo("Q-0002");
        assertThat(proposals.get(1).path("patch").path("path").asText()).isEqualTo("calendar.bufferMinutes");
        // with the proposals the weekclose asks which persona of behaviour.avl the coming week has
        assertThat(job(monday, "weekclose").path("ask")).extracting(q -> q.path("kind").asText())
                .containsExactly("WEEKCLOSE_PROPOSAL", "WEEKCLOSE_PROPOSAL", "PERSONA_CHOICE");
        JsonNode askedConsent = s.answer(s.index("question.answer", 1));
        assertThat(askedConsent.path("ask").get(0).path("kind").asText()).isEqualTo("COMMIT_CONSENT");
        assertThat(askedConsent.path("ask").get(0).path("id").asText()).isEqualTo("Q-0004");
        JsonNode persona = s.answer(s.index("question.answer", 2)).path("data");
        assertThat(persona.path("persona").asText()).isEqualTo("default");
        assertThat(persona.path("week").asText()).isEqualTo("2026-W49");

        String sha = s.answer(s.index("question.answer", 3)).path("data").path("commitSha").asText();
        assertThat(sha).matches("[0-9a-f]{40}");
        JsonNode closed = s.answer(s.index("weekclose.status", 1)).path("data");
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("weekclose").path("proposals")).extracting(p -> p.path("result").asText())
                .containsExactly("APPLIED", "DECLINED");
        assertThat(s.answer(s.requests().size() - 1).path("data").path("valid").asBoolean()).isTrue();

        assumeTrue(Cli.gitInstalled(), "git is not installed");
        assertThat(committedFiles(brain, sha)).contains("logbook/2026-W48.xlsx", "audit/2026.jsonl", "behaviour.avl");
        JsonNode behaviour = Cli.parse(Cli.git(brain, "show", sha + ":behaviour.avl").orElseThrow().output());
        assertThat(behaviour.path("version").asText()).isEqualTo("1.0.1");
        assertThat(behaviour.path("reminderEscalationRules").path("threshold").asInt()).isEqualTo(2);
        assertThat(behaviour.path("calendar").path("bufferMinutes").asInt()).as("NEE keeps the buffer").isEqualTo(10);
        String audit = Cli.git(brain, "show", sha + ":audit/2026.jsonl").orElseThrow().output();
        assertThat(audit).contains("weekclose.started", "weekclose.sheet_compiled", "weekclose.proposal_answered",
                "governance.patch_applied", "weekclose.persona_chosen", "weekclose.commit_requested");
        assertFsckClean(brain);
        assertOpensWithPoi(brain.resolve("logbook/2026-W48.xlsx"));
    }

    @Test
    @DisplayName("issue 5: Monday 09:00 tick, income question, default allocation, JA, one commit of ledger, sheet and audit")
    void financeCheck() throws Exception {
        Path brain = tmp.resolve("brain");
        Played s = play("sessions/finance-check.jsonl", brain, "2026-11-30T08:55:00+01:00");

        JsonNode nine = s.answer(1).path("data");
        JsonNode check = job(nine, "finance-check");
        assertThat(check.path("late").asBoolean()).isFalse();
        assertThat(check.path("ask").get(0).path("kind").asText()).isEqualTo("FINANCE_INCOME");
        assertThat(check.path("ask").get(0).path("id").asText()).isEqualTo("Q-0001");
        JsonNode allocation = s.answer(2).path("ask").get(0);
        assertThat(allocation.path("kind").asText()).isEqualTo("FINANCE_ALLOCATION");
        assertThat(allocation.path("data").path("proposal").path("vaste_lasten").asText()).isEqualTo("1285.00");
        JsonNode allocated = s.answer(3);
        assertThat(allocated.path("data").path("sheet").asText()).isEqualTo("finance/2026-W49.xlsx");
        assertThat(allocated.path("data").path("unassigned").asText()).isEqualTo("0.00");
        assertThat(allocated.path("ask").get(0).path("kind").asText()).isEqualTo("COMMIT_CONSENT");
        String sha = s.answer(4).path("data").path("commitSha").asText();
        assertThat(sha).matches("[0-9a-f]{40}");
        JsonNode overview = s.answer(5).path("data");
        List<String> balances = new ArrayList<>();
        overview.path("balances").forEach(b -> balances.add(b.path("pot").asText() + "=" + b.path("balance").asText()));
        assertThat(balances).containsExactly("vaste_lasten=1285.00", "boodschappen=514.00", "sparen=514.00",
                "vrij_besteedbaar=257.00");
        assertThat(s.answer(6).path("data").path("valid").asBoolean()).isTrue();

        assumeTrue(Cli.gitInstalled(), "git is not installed");
        assertThat(committedFiles(brain, sha)).contains("finance/ledger.json", "finance/2026-W49.xlsx", "audit/2026.jsonl");
        String audit = Cli.git(brain, "show", sha + ":audit/2026.jsonl").orElseThrow().output();
        assertThat(audit).contains("finance.income_registered", "finance.funds_allocated", "finance.sheet_written");
        assertFsckClean(brain);
        assertOpensWithPoi(brain.resolve("finance/2026-W49.xlsx"));
    }

    @Test
    @DisplayName("--sequential-ids is refused on a brain that already has ids, and nothing runs")
    void sequentialIdsOnlyOnANewBrain() throws Exception {
        Path brain = tmp.resolve("brain");
        assertThat(Cli.execute("{\"action\":\"system.health\"}\n".getBytes(StandardCharsets.UTF_8),
                "run", "--brain", brain.toString()).exitCode()).isZero();

        Cli.Execution again = Cli.execute("{\"action\":\"system.health\"}\n".getBytes(StandardCharsets.UTF_8),
                "run", "--brain", brain.toString(), "--sequential-ids");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("--sequential-ids");
        assertThat(again.out()).isEmpty();
    }

    static JsonNode job(JsonNode tick, String name) {
        for (JsonNode run : tick.path("ran")) {
            if (run.path("job").asText().equals(name)) {
                return run;
            }
        }
        throw new AssertionError(name + " did not run: " + tick);
    }

    static List<String> committedFiles(Path brain, String sha) {
        GitCommandLine.Result show = Cli.git(brain, "show", "--name-only", "--format=", sha).orElseThrow();
        assertThat(show.ok()).as(show.output()).isTrue();
        return show.output().lines().filter(l -> !l.isBlank()).toList();
    }

    static void assertFsckClean(Path brain) {
        GitCommandLine.Result fsck = Cli.git(brain, "fsck", "--full", "--strict").orElseThrow();
        assertThat(fsck.exitCode()).as(fsck.output()).isZero();
        assertThat(fsck.output()).doesNotContainPattern("(?im)^(error|missing|broken|bad|warning)");
    }

    static void assertOpensWithPoi(Path xlsx) throws IOException {
        assertThat(xlsx).isRegularFile();
        try (InputStream in = Files.newInputStream(xlsx); Workbook workbook = WorkbookFactory.create(in)) {
            assertThat(workbook.getNumberOfSheets()).isPositive();
            assertThat(workbook.getSheetAt(0).getPhysicalNumberOfRows()).isGreaterThan(1);
        }
    }
}
