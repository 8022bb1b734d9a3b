package dev.avalon.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("avalon demo")
class DemoCommandTest {

    /** One demo run shared by the tests that only look at what it left: it plays a whole week. */
    @TempDir
    static Path shared;

    static Path brain;
    static Cli.Execution demo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void playTheWeek() {
        brain = shared.resolve("brain");
        demo = Cli.execute("demo", "--brain", brain.toString());
    }

    @Test
    @DisplayName("tells the week: behaviour change, escalation, invite, AUTO_PLAN move, remote move, weekclose, finance, notulen")
    void tellsTheStory() {
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out())
                .contains("behaviour.propose_patch", "PATCH_APPROVAL", "behaviour.avl 1.0.0 → 1.0.1")
                .contains("reminder.move  R-0001 'Belastingaangifte' to Thu 26 Nov 09:00: moved 2×, 0 move(s) until it escalates")
                .contains("job reminder-escalation: ESCALATED 'Belastingaangifte' moved 2×: NONE → GENTLE")
                .contains("VSB sends invites: REQUEST SEQUENCE 0 SENT")
                .contains("refused: CALENDAR_CONFLICT: overlaps EV-0003 'Tandarts'")
                .contains("Avalon proposes free slots; the first is Wed 25 Nov 10:40")
                .contains("calendar.create_event  EV-0006 'Offerte uitwerken' Wed 25 Nov 10:40")
                .contains("moved EV-0004 'Sportschool' from 2026-11-26T18:00 to 2026-11-26T19:30")
                .contains("logbook.week  14 entries in 2026-W48")
                .contains("job weekclose: starts the weekclose of last week", "WEEKCLOSE_PROPOSAL")
                .contains("applied in order: ML-2026-W48-1 APPLIED, ML-2026-W48-2 DECLINED; behaviour.avl 1.0.1 → 1.0.2")
                .contains("job finance-check: asks", "FINANCE_INCOME", "FINANCE_ALLOCATION")
                .contains("pot balances: vaste_lasten € 1285.00, boodschappen € 514.00, sparen € 514.00, "
                        + "vrij_besteedbaar € 257.00; unassigned € 0.00")
                .contains("notulen.extract_action_points  4 action points:")
                .contains("[ ] Begroting 2027 rondsturen @carla  owner carla  due 2026-12-01")
                .contains("Done. 4 commits, each after a JA to the exact files; system.validate: every file valid, "
                        + "audit chain intact.");
        assertThat(commits(demo.out())).hasSize(4);
    }

    @Test
    @DisplayName("after the week, moves a weekly series with a cancelled instance, which stays cancelled and is an EXDATE in the new invite")
    void seriesKeepsItsException() {
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out())
                .contains("calendar.create_event  EV-0007 'Kascommissie' Thu 03 Dec 20:00, weekly, 4 times")
                .contains("calendar.cancel_event  EV-0007 instance Thu 10 Dec 20:00")
                .contains("calendar.update_event  EV-0007 the whole series 30 minutes earlier: Thu 03 Dec 19:30")
                .contains("calendar.list_events  EV-0007: 3 instances: Thu 03 Dec 19:30, Thu 17 Dec 19:30, Thu 24 Dec 19:30")
                .contains("Thu 10 Dec 19:30 stays cancelled")
                .containsPattern("the new REQUEST \\S+-REQUEST\\.eml carries EXDATE[^\\n]*20261210T1930");
    }

    @Test
    @DisplayName("enables the budget-alert template on JA, and a spend past 80 % of a pot fires it: a NOTIFY alert and an OK run")
    void budgetAlertFires() {
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out())
                .contains("automation.create_from_template  budget-alert (percent 80): automations/budget-alert.json, enabled")
                .containsPattern("COMMIT_CONSENT\\): [^\\n]*automations/budget-alert\\.json")
                .contains("(the budget-alert automation)")
                .contains("finance.spend  € 420.00 from boodschappen: balance € 94.00")
                .contains("alert IMPORTANT AUTOMATION_NOTICE: Budget alert: Pot boodschappen has used 81 % of its money")
                .contains("automation.runs  budget-alert: 1 run(s); the last AR-0001 (EVENT finance.spent): OK");
    }

    @Test
    @DisplayName("recovers from a corrupt ledger: DR_ACTIVE naming the file, SAFE_RESTORE of the newest safe version, JA, back to normal and fsck-clean")
    void recoversFromACorruptLedger() {
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        Matcher safe = Pattern.compile("dr\\.safe_versions  \\d+ safe version\\(s\\); the newest ([0-9a-f]{12}) ")
                .matcher(demo.out());
        assertThat(safe.find()).as(demo.out()).isTrue();
        assertThat(demo.out())
                .contains("finance.spend  refused: DR_ACTIVE: finance/ledger.json is not valid JSON")
                .contains("dr.status  STATE_DR, trigger FILE_CORRUPT")
                .contains("finding (validation) finance/ledger.json: is not valid JSON")
                .contains("(DR_RESOLUTION)", "= SAFE_RESTORE")
                .contains("restored " + safe.group(1) + ", STATE_NORMAL again; behaviour.avl 2.0.0 (a MAJOR bump)")
                .contains("replayed into finance/ledger.json")
                .contains("(the restored files)")
                .contains("system.health  STATE_NORMAL, behaviour.avl 2.0.0 valid")
                .contains("governance.status  STATE_NORMAL");
        if (Cli.gitInstalled()) {
            assertThat(demo.out()).contains("$ git fsck --full  clean");
            String head = Cli.git(brain, "show", "HEAD:behaviour.avl").orElseThrow().output();
            assertThat(Cli.parse(head).path("version").asText()).isEqualTo("2.0.0");
            assertThat(Cli.parse(head).path("reminderEscalationRules").path("threshold").asInt()).isEqualTo(1);
            // the spending made after the safe version was replayed into the restored ledger and committed
            assertThat(Cli.git(brain, "show", "HEAD:finance/ledger.json").orElseThrow().output()).contains("kerstinkopen");
        }
    }

    @Test
    @DisplayName("leaves a brain git reads, fsck finds clean and avalon verify accepts, with each commit holding its files")
    void brainIsAValidRepository() {
        assumeTrue(Cli.gitInstalled(), "git is not installed");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        List<String> commits = commits(demo.out());

        ScriptedSessionsTest.assertFsckClean(brain);
        assertThat(ScriptedSessionsTest.committedFiles(brain, commits.get(0))).contains("behaviour.avl");
        assertThat(ScriptedSessionsTest.committedFiles(brain, commits.get(1)))
                .contains("logbook/2026-W48.xlsx", "behaviour.avl", "audit/2026.jsonl");
        assertThat(ScriptedSessionsTest.committedFiles(brain, commits.get(2)))
                .contains("finance/ledger.json", "finance/2026-W49.xlsx", "audit/2026.jsonl");
        assertThat(ScriptedSessionsTest.committedFiles(brain, commits.get(3)))
                .contains("notulen/vsb-bestuur/2026-11-24-bestuursvergadering.md");
        // the week's last commit: the recovery scene after the week moves HEAD on
        String committed = Cli.git(brain, "show", commits.get(3) + ":behaviour.avl").orElseThrow().output();
        // Monday the user lowered the threshold to 2; statistics may go further that way (never back)
        assertThat(Cli.parse(committed).path("reminderEscalationRules").path("threshold").asInt()).isEqualTo(1);
        assertThat(Cli.parse(committed).path("version").asText()).isEqualTo("1.0.2");
        assertThat(demo.out()).contains("$ git log --stat -n 4").contains("commit " + commits.get(3));

        Cli.Execution verify = Cli.execute("verify", "--brain", brain.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    @DisplayName("writes the sheets POI opens and the VSB invite as an .eml next to the brain, never inside it")
    void filesItPrints() throws Exception {
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        ScriptedSessionsTest.assertOpensWithPoi(brain.resolve("logbook/2026-W48.xlsx"));
        ScriptedSessionsTest.assertOpensWithPoi(brain.resolve("finance/2026-W49.xlsx"));
        assertThat(demo.out()).contains("  file     " + brain.resolve("logbook/2026-W48.xlsx"))
                .contains("  file     " + brain.resolve("finance/2026-W49.xlsx"));

        Path mail = shared.resolve("brain-mail");
        Matcher eml = Pattern.compile("invite written to (\\S+\\.eml)").matcher(demo.out());
        assertThat(eml.find()).as(demo.out()).isTrue();
        Path invite = Path.of(eml.group(1));
        assertThat(invite.getParent()).isEqualTo(mail);
        String message = Files.readString(invite, StandardCharsets.UTF_8);
        assertThat(message).contains("text/calendar", "method=REQUEST", "secretaris@example.org", "BEGIN:VEVENT");
        try (var inside = Files.walk(brain)) {
            assertThat(inside.filter(p -> p.toString().endsWith(".eml"))).isEmpty();
        }
    }

    @Test
    @DisplayName("creates brain/ and brain-mail/ in a new temporary folder when no --brain is given")
    void defaultBrainIsATemporaryFolder() {
        Cli.Execution run = Cli.execute("demo");
        try {
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        } finally {
            Matcher m = Pattern.compile("(?m)^  brain    (.+)$").matcher(run.out());
            if (m.find()) {
                Brains.deleteRecursively(Path.of(m.group(1)).getParent());
            }
        }
        assertThat(run.out()).containsPattern("avalon-demo-[^/]*/brain\\b").containsPattern("avalon-demo-[^/]*/brain-mail\\b");
    }

    @Test
    @DisplayName("refuses a folder that is not empty, and changes nothing in it")
    void refusesANonEmptyFolder() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(folder.resolve("notes.txt"), "mine");

        Cli.Execution run = Cli.execute("demo", "--brain", folder.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not empty");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("notes.txt"));
        }
    }

    @Test
    @DisplayName("refuses a --mail-dir inside the brain before creating anything")
    void refusesMailInsideTheBrain() {
        Path b = tmp.resolve("b");

        Cli.Execution run = Cli.execute("demo", "--brain", b.toString(), "--mail-dir", b.resolve("mail").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--mail-dir").contains("inside the brain");
        assertThat(b).doesNotExist();
    }

    private static List<String> commits(String out) {
        Matcher m = Pattern.compile("(?m)^  commit   ([0-9a-f]{40})  ").matcher(out);
        List<String> shas = new ArrayList<>();
        while (m.find()) {
            shas.add(m.group(1));
        }
        return shas;
    }
}
