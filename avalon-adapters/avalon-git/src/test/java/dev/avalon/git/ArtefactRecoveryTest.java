package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance of the DR flow, one artefact kind at a time, on a real git brain: a file of the kind is
 * corrupted behind Avalon's back, the brain finds it (on open, on the first request, or at the weekly
 * validation), and the actions alone bring it back to STATE_NORMAL: KEEP_AND_REPAIR where history holds
 * the file or, for the audit log, by sealing the break (the damaged line stays, as evidence), otherwise
 * CANCEL after the file is put back by hand. Everything the user entered is still there afterwards,
 * {@code git fsck --full} is clean, and the brain opens clean again (every check against the commits).
 *
 * <p>Sheets ({@code finance/*.xlsx}) are not among the kinds: this module has no sheet renderer, so no
 * sheet is ever written here; {@code SheetRecoveryTest} in the command line's tests (which has one) covers them.
 * The freeze's own files ({@code state/questions.json}, {@code state/governance.json}) are rebuilt by the
 * freeze itself (the damaged tree kept aside on a {@code refs/avalon/dr/} ref), so for them the trigger, not
 * a finding, names the file.
 */
@DisplayName("Every artefact kind corrupted on a git brain comes back to STATE_NORMAL through the actions alone")
class ArtefactRecoveryTest {

    static final String KEY = "the host's key, outside the brain";

    /** The files a freeze needs to freeze: rebuilt by the freeze itself rather than found by a check. */
    static final java.util.Set<String> REBUILT_BY_THE_FREEZE = java.util.Set.of("state/questions.json",
            "state/governance.json");

    /**
     * The kinds KEEP_AND_REPAIR brings back with no repair by hand: from history, rebuilt from the audit
     * log (a logbook journal), sealed (the audit log), or rebuilt by the freeze. Working state the audit log
     * does not hold the making of (events, outbox, workflows, scheduler) still needs a repair by hand.
     */
    static final java.util.Set<String> REPAIRED_ALONE = java.util.Set.of("behaviour.avl", "audit/",
            "finance/ledger.json", "state/logbook/", "notulen/", "state/questions.json", "state/governance.json");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T07:00:00Z"), ZoneId.of("Europe/Amsterdam"));

    private AvalonHarness open() {
        return AvalonHarness.on(GitBrainStore.open(dir, clock), clock,
                b -> b.sealKeys(InMemorySealKeys.of(KEY)).rateLimits(100_000, 100_000));
    }

    private static String state(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    /** What a user enters in a week, committed on a JA: one artefact of every kind. */
    private void aWeekOfUse() {
        try (AvalonHarness h = open()) {
            h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                    "date", "2026-11-23")).assertOk();
            h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "WERK", "stress", 2,
                    "motivatie", 4, "status", "done", "moveCount", 0)).assertOk();
            h.dispatch("calendar.create_event", data("title", "Bestuursoverleg", "domain", "VSB",
                    "start", "2026-12-08T10:00", "end", "2026-12-08T11:00",
                    "attendees", List.of("jan@example.org"))).assertOk();
            h.dispatch("notulen.save", data("project", "bestuur", "date", "2026-11-23",
                    "title", "Overleg", "markdown", "- [ ] Offerte sturen @jan\n")).assertOk();
            h.dispatch("finance.check_start").assertOk();
            clock.advance(Duration.ofMinutes(20));
            h.dispatch("system.tick", data("now", "2026-11-23T08:20:00+01:00")).assertOk();
            // no mail server here: the invite is given up (an undelivered one would block every commit)
            for (JsonNode invite : h.dispatch("calendar.outbox").assertOk().data().path("invites")) {
                h.dispatch("calendar.outbox_discard", data("id", invite.path("id").asText(),
                        "reason", "no mail server")).assertOk();
            }
            clock.advance(Duration.ofMinutes(1));
            String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
            clock.advance(Duration.ofMinutes(1));
            h.answer(consent, "JA").assertOk();
        }
    }

    /** The first file of the kind, relative to the brain. */
    private Path fileOf(String kind) throws IOException {
        Path p = dir.resolve(kind);
        if (Files.isRegularFile(p)) {
            return p;
        }
        try (Stream<Path> files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no file of kind " + kind));
        }
    }

    /** Bytes no validator of the kind accepts: broken JSON, or for minutes bytes that are not UTF-8. */
    private static byte[] corrupt(String kind, byte[] good) {
        if (kind.startsWith("notulen/")) {
            return new byte[] {(byte) 0xC3, (byte) 0x28, '\n'};
        }
        if (kind.startsWith("audit/")) {
            // the first line altered; the lines after it stay, so the chain is broken, not emptied
            String text = new String(good, StandardCharsets.UTF_8);
            return ("{\"tampered\":true}" + text.substring(text.indexOf('\n'))).getBytes(StandardCharsets.UTF_8);
        }
        return "{broken".getBytes(StandardCharsets.UTF_8);
    }


    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"behaviour.avl", "audit/", "finance/ledger.json", "state/logbook/",
            "state/calendar/events.json", "state/outbox.json", "state/workflows/",
            "state/scheduler.json", "notulen/", "state/questions.json", "state/governance.json"})
    @DisplayName("corrupt one file of the kind, recover through the actions, nothing lost, fsck clean")
    void corruptAndRecover(String kind) throws Exception {
        aWeekOfUse();
        Path file = fileOf(kind);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, corrupt(kind, good));
        String name = dir.relativize(file).toString().replace('\\', '/');
        clock.advance(Duration.ofMinutes(5));

        try (AvalonHarness h = open()) {
            if (!state(h).equals("STATE_DR")) {
                // nothing read the file yet: the weekly validation finds it (or the tick itself, reading
                // the scheduler's state or the questions, refuses naming the file)
                var tick = h.dispatch("system.tick", data("now", "2026-11-30T07:00:00+01:00"));
                if (!tick.result().ok()) {
                    assertThat(tick.rejected().error().message()).contains(dir.relativize(file).toString());
                }
            }
            assertThat(state(h)).as("the brain is frozen for " + name).isEqualTo("STATE_DR");
            JsonNode status = h.dispatch("dr.status").assertOk().data();
            if (REBUILT_BY_THE_FREEZE.contains(name)) {
                // the freeze's own files: rebuilt at once (the damaged bytes kept aside on a ref), and the
                // trigger names the file
                assertThat(status.path("trigger").path("message").asText()).as("dr.status names " + name)
                        .contains(name);
                assertThat(Files.readAllBytes(file)).isNotEqualTo(corrupt(kind, good));
                assertThat(GitCli.run(dir, "for-each-ref", "refs/avalon/dr/").out()).contains("refs/avalon/dr/");
            } else {
                assertThat(status.path("findings")).as("dr.status names " + name)
                        .anySatisfy(f -> assertThat(f.path("path").asText()).startsWith(name));
            }

            String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
            JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();
            if (kind.startsWith("audit/")) {
                // no repair by hand: the break is sealed, and the altered line stays in the log
                assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
                assertThat(repaired.path("repaired")).anySatisfy(r -> {
                    assertThat(r.path("path").asText()).isEqualTo(name);
                    assertThat(r.path("from").asText()).isEqualTo("sealed");
                });
                assertThat(Files.readString(file)).startsWith("{\"tampered\":true}\n").contains("\"dr.audit_sealed\"");
                assertThat(h.dispatch("dr.status").assertOk().data().path("findings")).isEmpty();
            }
            if (REPAIRED_ALONE.contains(kind)) {
                assertThat(repaired.path("resolved").asBoolean()).as("KEEP_AND_REPAIR alone: " + repaired).isTrue();
            }
            if (!repaired.path("resolved").asBoolean()) {
                Files.write(file, good);
                JsonNode cancelled = h.answer(repaired.path("nextQuestionId").asText(), "CANCEL").assertOk().data();
                assertThat(cancelled.path("resolved").asBoolean()).as(cancelled.toString()).isTrue();
            }
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();

            // nothing the user entered is lost
            assertThat(h.dispatch("finance.overview").assertOk().data().toString()).contains("1200.00");
            assertThat(h.dispatch("logbook.week", data("week", "2026-W48")).assertOk().data().toString())
                    .contains("Offerte");
            assertThat(h.dispatch("calendar.list_events", data("from", "2026-12-08T00:00", "to", "2026-12-09T00:00"))
                    .assertOk().data().toString()).contains("Bestuursoverleg");
            assertThat(h.dispatch("notulen.list", data("project", "bestuur")).assertOk().data().toString())
                    .contains("2026-11-23-overleg.md");

            // what the repair put back is committed on a JA, when there is anything to commit
            JsonNode pending = h.dispatch("brain.request_commit").assertOk().data();
            if (pending.path("questionId").isTextual()) {
                clock.advance(Duration.ofMinutes(1));
                h.answer(pending.path("questionId").asText(), "JA").assertOk();
            }
        }
        GitCli.Result fsck = GitCli.run(dir, "fsck", "--full");
        assertThat(fsck.exit()).as(fsck.out()).isZero();
        clock.advance(Duration.ofMinutes(5));
        try (AvalonHarness h = open()) {
            // opening runs every check against the commits' trailers: the repair holds
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the line that recorded an older commit made unreadable: KEEP_AND_REPAIR alone brings the brain back,"
            + " the seal vouching for that commit; fsck clean, and it opens clean")
    void lostRecordOfAnOlderCommit() throws Exception {
        aWeekOfUse();
        String older = GitCli.run(dir, "rev-parse", "HEAD").out().strip();
        clock.advance(Duration.ofMinutes(5));
        try (AvalonHarness h = open()) {
            h.dispatch("finance.register_income", data("amount", "15.00", "source", "verkoop",
                    "date", "2026-11-23")).assertOk();
            String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
            clock.advance(Duration.ofMinutes(1));
            h.answer(consent, "JA").assertOk();
        }
        assertThat(GitCli.run(dir, "rev-parse", "HEAD").out().strip()).isNotEqualTo(older);
        Path audit = fileOf("audit/");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"commit.recorded\"") && lines.get(i).contains(older)) {
                at = i;
            }
        }
        assertThat(at).as("the line that recorded " + older).isNotNegative();
        lines.set(at, "{not an entry");
        Files.write(audit, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMinutes(5));

        try (AvalonHarness h = open()) {
            h.dispatch("audit.verify");
            assertThat(state(h)).isEqualTo("STATE_DR");
            assertThat(h.dispatch("dr.status").assertOk().data().path("findings"))
                    .anySatisfy(f -> assertThat(f.path("path").asText()).isEqualTo("commit " + older));

            String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
            JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();

            assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("dr.status").assertOk().data().path("findings")).isEmpty();
            assertThat(Files.readString(audit)).contains("{not an entry\n").contains("\"commits\":[{\"commitSHA\":\"" + older);
            h.dispatch("finance.register_income", data("amount", "5.00", "source", "verkoop",
                    "date", "2026-11-24")).assertOk();
            String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
            clock.advance(Duration.ofMinutes(1));
            h.answer(consent, "JA").assertOk();
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
        }
        GitCli.Result fsck = GitCli.run(dir, "fsck", "--full");
        assertThat(fsck.exit()).as(fsck.out()).isZero();
        clock.advance(Duration.ofMinutes(5));
        try (AvalonHarness h = open()) {
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            assertThat(h.dispatch("finance.overview").assertOk().data().toString()).contains("1200.00").contains("15.00");
        }
    }
}
