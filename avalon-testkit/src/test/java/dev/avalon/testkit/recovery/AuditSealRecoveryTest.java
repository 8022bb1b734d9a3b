package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditSeal;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.seal.InMemorySealKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("KEEP_AND_REPAIR seals a broken audit chain: the break and its evidence recorded, the damaged lines kept")
class AuditSealRecoveryTest {

    /** What is done to the audit log behind Avalon's back. */
    enum Damage { ALTERED_LINE, UNREADABLE_LINE, DELETED_LINE, TRUNCATED_TAIL }

    private static final InMemorySealKeys KEYS = InMemorySealKeys.of("the host's key, outside the brain");

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private String state() {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    private List<String> lines(BrainPath audit) {
        String text = new String(h.store().read(audit).orElseThrow(), StandardCharsets.UTF_8);
        return new ArrayList<>(Arrays.asList(text.split("\n")));
    }

    private void write(BrainPath audit, List<String> lines) {
        h.store().apply(List.of(FileChange.put(audit, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    /** The damaged line as it stays in the log, or null for damage that removes lines. */
    private String damage(BrainPath audit, Damage damage) {
        List<String> lines = lines(audit);
        switch (damage) {
            case ALTERED_LINE -> lines.set(2, lines.get(2).replace("\"data\":{", "\"data\":{\"z\":\"edited\","));
            case UNREADABLE_LINE -> lines.set(2, "{not an entry");
            case DELETED_LINE -> lines.remove(2);
            case TRUNCATED_TAIL -> lines = lines.subList(0, lines.size() - 2);
        }
        write(audit, lines);
        return damage == Damage.ALTERED_LINE || damage == Damage.UNREADABLE_LINE ? lines.get(2) : null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    @DisplayName("damage the log, KEEP_AND_REPAIR alone brings the brain back, the seal is committed on a JA and the log still verifies")
    void sealedAndBackToNormal(Damage kind) {
        DisasterRecoveryTest.committedPatch(h, "P-1", 3, 2);
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        BrainPath audit = h.store().list("audit").get(0);
        String damaged = damage(audit, kind);

        // a broken tail is found on the next request; a line inside the log by the chain check
        h.dispatch("audit.verify");
        assertThat(state()).isEqualTo("STATE_DR");
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("findings")).anySatisfy(f -> assertThat(f.path("check").asText()).isEqualTo("audit"));

        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();

        assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(repaired.path("repaired")).anySatisfy(r -> {
            assertThat(r.path("path").asText()).isEqualTo(audit.value());
            assertThat(r.path("from").asText()).isEqualTo("sealed");
        });
        assertThat(state()).isEqualTo("STATE_NORMAL");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        assertThat(h.dispatch("dr.status").assertOk().data().path("findings")).isEmpty();
        assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();

        JsonNode seal = sealEntry(audit);
        assertThat(seal.path("data").path("questionId").asText()).isEqualTo(question);
        JsonNode breaks = seal.path("data").path("breaks");
        assertThat(breaks).isNotEmpty().allSatisfy(b -> {
            assertThat(b.has("file")).isTrue();
            assertThat(b.has("line")).isTrue();
            assertThat(b.path("problem").asText()).isNotBlank();
        });
        if (damaged != null) {
            // the damaged line is kept, and the seal pins it down by its bytes
            assertThat(lines(audit)).contains(damaged);
            assertThat(breaks).anySatisfy(b -> {
                assertThat(b.path("file").asText()).isEqualTo(audit.value());
                assertThat(b.path("line").asInt()).isEqualTo(3);
                assertThat(b.path("sha256").asText())
                        .isEqualTo(CanonicalJson.sha256Hex(damaged.getBytes(StandardCharsets.UTF_8)));
            });
        }
        if (kind == Damage.TRUNCATED_TAIL || kind == Damage.DELETED_LINE) {
            // the freeze itself was chained onto the head Avalon last wrote, so the entries cut are a gap
            // inside the log by now, sealed at the first entry after it
            assertThat(breaks).anySatisfy(b -> assertThat(b.path("problem").asText()).matches("seq \\d+ where \\d+ was expected"));
        }

        // the seal is committed like any repair, on a JA, and the whole evidence still holds after it
        String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
        h.answer(consent, "JA").assertOk();
        assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        h.dispatch("finance.register_income", data("amount", "5.00", "source", "verkoop",
                "date", "2026-11-24")).assertOk();
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the line that recorded the last commit made unreadable: the seal names that commit, as the record of the head does, and the history holds")
    void lostRecordOfTheLastCommit() {
        String sha = DisasterRecoveryTest.committedPatch(h, "P-1", 3, 2);
        BrainPath audit = h.store().list("audit").get(0);
        List<String> lines = lines(audit);
        int at = lines.size() - 1;
        while (!(lines.get(at).contains("\"type\":\"commit.recorded\"") && lines.get(at).contains(sha))) {
            at--;
        }
        lines.set(at, "{not an entry");
        write(audit, lines);
        h.dispatch("audit.verify");
        assertThat(state()).isEqualTo("STATE_DR");

        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();

        assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(sealEntry(audit).path("data").path("commitSHA").asText()).isEqualTo(sha);
        assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        // the next commit is recorded after the seal, in the branch's order
        h.dispatch("finance.register_income", data("amount", "5.00", "source", "verkoop",
                "date", "2026-11-24")).assertOk();
        String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
        h.answer(consent, "JA").assertOk();
        assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
    }

    /** The line of {@code lines} that recorded {@code sha} as a commit Avalon made. */
    private static int recordOf(List<String> lines, String sha) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"commit.recorded\"") && lines.get(i).contains(sha)) {
                return i;
            }
        }
        throw new AssertionError("no commit.recorded entry for " + sha);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the line that recorded an older commit made unreadable: the seal vouches for it, KEEP_AND_REPAIR alone"
            + " brings the brain back, and it reopens clean")
    void lostRecordOfAnOlderCommit() {
        InMemoryBrainStore store = new InMemoryBrainStore();
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        String older;
        BrainPath audit;
        try (AvalonHarness b = AvalonHarness.on(store, clock, x -> x.sealKeys(KEYS))) {
            older = DisasterRecoveryTest.committedPatch(b, "P-1", 3, 2);
            b.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                    "date", "2026-11-23")).assertOk();
            String consent = b.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
            String last = b.answer(consent, "JA").assertOk().data().path("commitSha").asText();
            assertThat(last).isNotEqualTo(older);
            audit = b.store().list("audit").get(0);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(b.store().read(audit).orElseThrow(),
                    StandardCharsets.UTF_8).split("\n")));
            lines.set(recordOf(lines, older), "{not an entry");
            b.store().apply(List.of(FileChange.put(audit,
                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))));

            b.dispatch("audit.verify");
            JsonNode status = b.dispatch("dr.status").assertOk().data();
            assertThat(status.path("state").asText()).isEqualTo("STATE_DR");
            assertThat(status.path("findings")).anySatisfy(f -> {
                assertThat(f.path("path").asText()).isEqualTo("commit " + older);
                assertThat(f.path("problem").asText()).contains("was not made by Avalon");
            });

            String question = b.dispatch("dr.start_resolution").assertOk().askId(0);
            JsonNode repaired = b.answer(question, "KEEP_AND_REPAIR").assertOk().data();

            assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
            assertThat(b.dispatch("governance.status").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_NORMAL");
            JsonNode seal = null;
            for (String line : new String(b.store().read(audit).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("\"type\":\"" + AuditSeal.TYPE + "\"")) {
                    seal = Json.parse(line);
                }
            }
            assertThat(seal).isNotNull();
            // the last commit is still recorded by a readable line: the seal names only the one whose record was lost
            assertThat(seal.path("data").has("commitSHA")).isFalse();
            assertThat(seal.path("data").path("commits")).singleElement().satisfies(c -> {
                assertThat(c.path("commitSHA").asText()).isEqualTo(older);
                assertThat(c.path("reason").asText()).contains("damaged");
            });
            assertThat(b.dispatch("dr.status").assertOk().data().path("findings")).isEmpty();
            assertThat(b.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (AvalonHarness again = AvalonHarness.on(store.reopen(), clock, x -> x.sealKeys(KEYS))) {
            assertThat(again.dispatch("governance.status").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_NORMAL");
            assertThat(again.dispatch("dr.status").assertOk().data().path("findings")).isEmpty();
            assertThat(again.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            // the seal is committed with the next commit, and the history still holds after it
            again.dispatch("finance.register_income", data("amount", "5.00", "source", "verkoop",
                    "date", "2026-11-24")).assertOk();
            var requested = again.dispatch("brain.request_commit").assertOk();
            String consent = requested.data().path("questionId").asText();
            assertThat(consent).as(requested.toString()).isNotEmpty();
            again.answer(consent, "JA").assertOk();
            assertThat(again.dispatch("governance.status").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_NORMAL");
            assertThat(again.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a commit made by hand on top, with Avalon's trailers copied but naming a head outside the damaged range:"
            + " the seal vouches for Avalon's older commit only, the hand-made one stays a finding and the brain in DR")
    void aHandMadeCommitIsNeverVouchedFor() {
        String older = DisasterRecoveryTest.committedPatch(h, "P-1", 3, 2);
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
        h.answer(consent, "JA").assertOk();
        BrainPath audit = h.store().list("audit").get(0);
        List<String> lines = lines(audit);
        int at = recordOf(lines, older);
        lines.set(at, "{not an entry");
        write(audit, lines);
        // by hand: a file added and committed with the older commit's trailers, naming a sound head before the
        // damaged line (the line after it is readable and records nothing of the kind)
        java.util.Map<String, String> trailers = new java.util.LinkedHashMap<>(h.store().log(Integer.MAX_VALUE).stream()
                .filter(c -> c.sha().equals(older)).findFirst().orElseThrow().trailers());
        JsonNode before;
        try {
            before = Json.parse(lines.get(at - 2));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        trailers.put("Avalon-Audit-Head", before.path("seq").asLong() + ":" + before.path("hash").asText());
        trailers.put("Avalon-Consent", "Q-by-hand");
        BrainPath note = BrainPath.of("notulen/bestuur/2026-11-23-hand.md");
        h.store().apply(List.of(FileChange.put(note, "- by hand\n".getBytes(StandardCharsets.UTF_8))));
        String hand = h.store().commit(new dev.avalon.core.port.CommitRequest(List.of(note), "by hand", trailers,
                h.clock().instant(), "someone")).sha();

        h.dispatch("audit.verify");
        assertThat(state()).isEqualTo("STATE_DR");
        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode answer = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).isFalse();
        assertThat(answer.path("findings")).anySatisfy(f -> {
            assertThat(f.path("path").asText()).isEqualTo("commit " + hand);
            assertThat(f.path("problem").asText()).contains("was not made by Avalon");
        });
        assertThat(answer.path("findings")).noneSatisfy(f -> assertThat(f.path("path").asText()).isEqualTo("commit " + older));
        assertThat(sealEntry(audit).path("data").path("commits")).singleElement()
                .satisfies(c -> assertThat(c.path("commitSHA").asText()).isEqualTo(older));
        assertThat(state()).isEqualTo("STATE_DR");
        assertThat(h.dispatch("dr.status").assertOk().data().path("findings"))
                .anySatisfy(f -> assertThat(f.path("path").asText()).isEqualTo("commit " + hand));
    }

    @ParameterizedTest(name = "record of the head doubted: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    @DisplayName("the records of both commits lost: the seal names the last one from the record of the head and vouches"
            + " for the older one behind it, but takes nothing from a record whose HMAC does not match")
    void recordOfTheHeadIsTrustedOnlyAsItsSealAllows(boolean doubted) throws Exception {
        InMemoryBrainStore store = new InMemoryBrainStore();
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        try (AvalonHarness b = AvalonHarness.on(store, clock, x -> x.sealKeys(KEYS))) {
            String older = DisasterRecoveryTest.committedPatch(b, "P-1", 3, 2);
            b.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                    "date", "2026-11-23")).assertOk();
            String consent = b.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
            String last = b.answer(consent, "JA").assertOk().data().path("commitSha").asText();
            BrainPath audit = b.store().list("audit").get(0);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(b.store().read(audit).orElseThrow(),
                    StandardCharsets.UTF_8).split("\n")));
            lines.set(recordOf(lines, older), "{not an entry");
            lines.set(recordOf(lines, last), "{not an entry either");
            List<FileChange> changes = new ArrayList<>();
            changes.add(FileChange.put(audit, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
            if (doubted) {
                com.fasterxml.jackson.databind.node.ObjectNode head = (com.fasterxml.jackson.databind.node.ObjectNode)
                        Json.parse(b.store().read(dev.avalon.core.layout.BrainLayout.AUDIT_HEAD).orElseThrow());
                head.put("seal", "0".repeat(64));
                changes.add(FileChange.put(dev.avalon.core.layout.BrainLayout.AUDIT_HEAD, Json.pretty(head)));
            }
            b.store().apply(changes);

            b.dispatch("audit.verify");
            String question = b.dispatch("dr.start_resolution").assertOk().askId(0);
            JsonNode answer = b.answer(question, "KEEP_AND_REPAIR").assertOk().data();

            JsonNode seal = null;
            for (String line : new String(b.store().read(audit).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("\"type\":\"" + AuditSeal.TYPE + "\"")) {
                    seal = Json.parse(line);
                }
            }
            assertThat(seal).isNotNull();
            if (doubted) {
                assertThat(seal.path("data").has("commitSHA")).isFalse();
                assertThat(seal.path("data").has("commits")).isFalse();
                assertThat(answer.path("resolved").asBoolean()).isFalse();
                assertThat(answer.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText())
                        .isEqualTo("commit " + older));
                assertThat(b.dispatch("governance.status").assertOk().data().path("state").asText())
                        .isEqualTo("STATE_DR");
            } else {
                assertThat(seal.path("data").path("commitSHA").asText()).isEqualTo(last);
                assertThat(seal.path("data").path("commits")).singleElement()
                        .satisfies(c -> assertThat(c.path("commitSHA").asText()).isEqualTo(older));
                assertThat(answer.path("resolved").asBoolean()).as(answer.toString()).isTrue();
                assertThat(b.dispatch("dr.status").assertOk().data().path("findings")).isEmpty();
            }
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a break no seal can cover (a stray file read after the year file) is listed as not repaired, and nothing is sealed")
    void whatASealCannotCoverIsListed() {
        DisasterRecoveryTest.committedPatch(h, "P-1", 3, 2);
        BrainPath stray = BrainPath.of("audit/zzz.jsonl");
        h.store().apply(List.of(FileChange.put(stray, "{not an entry\n".getBytes(StandardCharsets.UTF_8))));
        h.dispatch("audit.verify");
        assertThat(state()).isEqualTo("STATE_DR");

        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode answer = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).isFalse();
        assertThat(answer.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText()).startsWith(stray.value()));
        assertThat(answer.path("repaired")).isEmpty();
        assertThat(h.store().list("audit")).contains(BrainPath.of("audit/2026.jsonl"))
                .allSatisfy(f -> assertThat(String.join("\n", lines(f))).doesNotContain(AuditSeal.TYPE));
        assertThat(state()).isEqualTo("STATE_DR");
    }

    private JsonNode sealEntry(BrainPath audit) {
        for (String line : lines(audit)) {
            if (line.contains("\"type\":\"" + AuditSeal.TYPE + "\"")) {
                try {
                    return Json.parse(line);
                } catch (Exception e) {
                    throw new AssertionError("the seal is not readable: " + line, e);
                }
            }
        }
        throw new AssertionError("no " + AuditSeal.TYPE + " entry in " + audit);
    }
}
