package dev.avalon.git.tamper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditChain;
import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.git.GitBrainStore;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with a real git brain, as someone who can write its folder or its git history would:
 * plain file edits and JGit, on a brain a real Avalon session made (two behaviour patches approved and
 * committed, daily entries, a sealed head). Every variant must be found both when the brain is opened
 * (the brain leaves STATE_NORMAL with a CRITICAL alert) and by {@code audit.verify} and
 * {@code system.validate}, each with a reason that names the file or commit.
 */
class TamperTest {

    static final String KEY = "the host's key, outside the brain";
    static final Instant START = Instant.parse("2026-11-23T07:00:00Z");
    static final String AUDIT = "audit/2026.jsonl";
    static final String HEAD_FILE = "state/audit-head.json";

    @TempDir
    static Path shared;
    static Path template;
    static Path other;

    /** One way to tamper; {@code names} is what the reasons must mention (a file, or "commit" and a sha). */
    record Variant(String name, Tamper tamper, String expectedState) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Tamper {
        /** Tampers with the brain in {@code dir}; returns the file or commit the reasons must name. */
        String apply(Path dir) throws Exception;
    }

    @BeforeAll
    static void session() throws Exception {
        template = shared.resolve("template");
        other = shared.resolve("other");
        realisticSession(template, START);
        // another brain, a day later: its own entries, hashes, id and seal under the same host key
        realisticSession(other, START.plus(java.time.Duration.ofDays(1)));
    }

    /** Two behaviour patches approved and committed, daily entries before and after, all through actions. */
    static void realisticSession(Path dir, Instant start) {
        String tag = start.toString();
        MutableClock clock = new MutableClock(start, java.time.ZoneId.of("UTC"));
        try (AvalonHarness h = open(dir, clock)) {
            day(h, tag + " eerste dag");
            var p1 = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
                    "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
                    "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
            clock.advance(java.time.Duration.ofMinutes(5));
            var applied = h.answer(p1.askId(0), "JA").assertOk();
            h.answer(applied.askId(0), "JA").assertOk();
            clock.advance(java.time.Duration.ofHours(2));
            day(h, tag + " tweede dag");
            var p2 = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-2", "type", "PATCH",
                    "path", "calendar.bufferMinutes", "before", 10, "after", 15,
                    "rationale", "Meer ruimte.", "riskLevel", "LOW", "source", "USER"))).assertOk();
            var applied2 = h.answer(p2.askId(0), "JA").assertOk();
            h.answer(applied2.askId(0), "JA").assertOk();
            clock.advance(java.time.Duration.ofHours(1));
            day(h, tag + " derde dag");
            assertThat(h.store().log(10)).hasSize(2);
        }
    }

    static void day(AvalonHarness h, String what) {
        h.dispatch("logbook.add_daily_entry", data("activiteit", what, "domein", "VSB", "stress", 4,
                "motivatie", 7, "status", "done", "moveCount", 1)).assertOk();
    }

    static AvalonHarness open(Path dir, MutableClock clock) {
        return AvalonHarness.on(GitBrainStore.open(dir, clock), clock,
                b -> b.sealKeys(InMemorySealKeys.of(KEY)).rateLimits(100_000, 100_000));
    }

    static MutableClock later() {
        return new MutableClock(START.plus(java.time.Duration.ofDays(2)), java.time.ZoneId.of("UTC"));
    }

    // ------------------------------------------------------------------ the variants

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant("01 changed byte in an audit line", d -> {
                    List<String> lines = lines(d);
                    lines.set(2, lines.get(2).replaceFirst("\"actor\":\"", "\"actor\":\"x"));
                    writeLines(d, lines);
                    return AUDIT + ":3";
                }, "STATE_DR"),
                new Variant("02 deleted audit line", d -> {
                    List<String> lines = lines(d);
                    lines.remove(3);
                    writeLines(d, lines);
                    return AUDIT + ":4";
                }, "STATE_DR"),
                new Variant("03 swapped audit lines", d -> {
                    List<String> lines = lines(d);
                    String third = lines.get(2);
                    lines.set(2, lines.get(3));
                    lines.set(3, third);
                    writeLines(d, lines);
                    return AUDIT + ":3";
                }, "STATE_DR"),
                new Variant("04 truncated audit log", d -> {
                    List<String> lines = lines(d);
                    writeLines(d, lines.subList(0, lines.size() - 2));
                    return "audit";
                }, "STATE_DR"),
                new Variant("05 forged audit line with a bad hash", d -> {
                    List<String> lines = lines(d);
                    AuditEntry forged = forge(d, "0".repeat(63) + "1");
                    lines.add(new String(forged.line(), StandardCharsets.UTF_8).strip()
                            .replace(forged.hash(), "f".repeat(64)));
                    writeLines(d, lines);
                    return AUDIT;
                }, "STATE_DR"),
                new Variant("06 forged audit line with a good hash", d -> {
                    List<String> lines = lines(d);
                    lines.add(new String(forge(d, null).line(), StandardCharsets.UTF_8).strip());
                    writeLines(d, lines);
                    return AUDIT;
                }, "STATE_DR"),
                new Variant("07 deleted audit file", d -> {
                    Files.delete(d.resolve(AUDIT));
                    return "audit";
                }, "STATE_DR"),
                new Variant("08 deleted head file", d -> {
                    Files.delete(d.resolve(HEAD_FILE));
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("09 edited head file (an older head)", d -> {
                    List<String> lines = lines(d);
                    AuditEntry older = AuditEntry.fromJson(Json.parse(lines.get(lines.size() - 2)));
                    ObjectNode head = headFile(d);
                    head.put("seq", older.seq());
                    head.put("hash", older.hash());
                    writeHead(d, head);
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("10 reset --hard HEAD~1", d -> {
                    String dropped = headSha(d);
                    try (Git git = Git.open(d.toFile())) {
                        git.reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
                    }
                    return dropped;
                }, "STATE_DR"),
                new Variant("11 reset --hard HEAD~1 and a rewritten head file", d -> {
                    String dropped = headSha(d);
                    try (Git git = Git.open(d.toFile())) {
                        git.reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
                    }
                    List<String> lines = lines(d);
                    AuditEntry last = AuditEntry.fromJson(Json.parse(lines.get(lines.size() - 1)));
                    ObjectNode head = headFile(d);
                    head.put("seq", last.seq());
                    head.put("hash", last.hash());
                    head.put("commit", headSha(d));
                    head.put("behaviourSha256", sha(d.resolve("behaviour.avl")));
                    writeHead(d, head);
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("12 forged correctly hashed audit tail and a rewritten head file", d -> {
                    List<String> lines = lines(d);
                    AuditEntry forged = forge(d, null);
                    lines.add(new String(forged.line(), StandardCharsets.UTF_8).strip());
                    writeLines(d, lines);
                    ObjectNode head = headFile(d);
                    head.put("seq", forged.seq());
                    head.put("hash", forged.hash());
                    writeHead(d, head);
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("13 git commit --amend, message only", d -> {
                    try (Git git = Git.open(d.toFile())) {
                        RevCommit amended = git.commit().setAmend(true)
                                .setMessage(git.log().setMaxCount(1).call().iterator().next().getFullMessage()
                                        .replaceFirst("^[^\n]*", "a nicer subject")).call();
                        return "commit " + amended.getName();
                    }
                }, "STATE_DR"),
                new Variant("14 git commit --amend with content", d -> {
                    Files.writeString(d.resolve("notes.md"), "slipped in\n");
                    try (Git git = Git.open(d.toFile())) {
                        git.add().addFilepattern("notes.md").call();
                        RevCommit amended = git.commit().setAmend(true)
                                .setMessage(git.log().setMaxCount(1).call().iterator().next().getFullMessage()).call();
                        return "commit " + amended.getName();
                    }
                }, "STATE_DR"),
                new Variant("15 an extra commit made with plain git", d -> {
                    Files.writeString(d.resolve("notes.md"), "committed behind Avalon's back\n");
                    try (Git git = Git.open(d.toFile())) {
                        git.add().addFilepattern("notes.md").call();
                        RevCommit extra = git.commit().setMessage("notes")
                                .setAuthor(new PersonIdent("someone", "someone@example.org")).call();
                        return "commit " + extra.getName();
                    }
                }, "STATE_DR"),
                new Variant("16 direct edit of behaviour.avl, a path no patch may touch", d -> {
                    edit(d, "\"requireExplicitConsent\": true", "\"requireExplicitConsent\": false");
                    return "behaviour.avl";
                }, "STATE_INCONSISTENT"),
                new Variant("17 direct edit of behaviour.avl, a patchable path", d -> {
                    edit(d, "\"bufferMinutes\": 15", "\"bufferMinutes\": 20");
                    return "behaviour.avl";
                }, "STATE_INCONSISTENT"),
                new Variant("18 behaviour.avl replaced by an older committed version", d -> {
                    try (Git git = Git.open(d.toFile())) {
                        git.checkout().setStartPoint("HEAD~1").addPath("behaviour.avl").call();
                    }
                    return "behaviour.avl";
                }, "STATE_INCONSISTENT"),
                new Variant("19 a rewritten trailer", d -> {
                    try (Git git = Git.open(d.toFile())) {
                        String message = git.log().setMaxCount(1).call().iterator().next().getFullMessage();
                        RevCommit rewritten = git.commit().setAmend(true)
                                .setMessage(message.replaceAll("Avalon-Consent: \\S+", "Avalon-Consent: Q-forged")).call();
                        return "commit " + rewritten.getName();
                    }
                }, "STATE_DR"),
                new Variant("20 deleted seal", d -> {
                    ObjectNode head = headFile(d);
                    head.remove("seal");
                    writeHead(d, head);
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("21 seal copied from another brain", d -> {
                    ObjectNode head = headFile(d);
                    head.set("seal", headFile(other).get("seal"));
                    writeHead(d, head);
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("22 behaviour.avl edited and its hash rewritten in the head file", d -> {
                    edit(d, "\"requireExplicitConsent\": true", "\"requireExplicitConsent\": false");
                    ObjectNode head = headFile(d);
                    head.put("behaviourSha256", sha(d.resolve("behaviour.avl")));
                    writeHead(d, head);
                    return HEAD_FILE;
                }, "STATE_DR"),
                new Variant("23 behaviour.avl no longer JSON", d -> {
                    Files.writeString(d.resolve("behaviour.avl"), "{ \"version\": \"1.0.2\", broken");
                    return "behaviour.avl";
                }, "STATE_DR"),
                new Variant("24 head file and audit log copied from another brain", d -> {
                    Files.copy(other.resolve(AUDIT), d.resolve(AUDIT), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(other.resolve(HEAD_FILE), d.resolve(HEAD_FILE),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return "commit ";
                }, "STATE_DR"),
                new Variant("25 head record stripped to the form of a brain from before sealing", d -> {
                    ObjectNode head = headFile(d);
                    ObjectNode stripped = Json.object();
                    stripped.set("seq", head.get("seq"));
                    stripped.set("hash", head.get("hash"));
                    writeHead(d, stripped);
                    return HEAD_FILE;
                }, "STATE_DR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    @DisplayName("each tamper variant is found at open and by verify, with a reason naming the file or commit")
    void detected(Variant variant) throws Exception {
        Path dir = shared.resolve("v-" + variant.name().substring(0, 2));
        copy(template, dir);
        String named = variant.tamper().apply(dir);
        MutableClock clock = later();
        try (AvalonHarness h = open(dir, clock)) {
            // at open
            String state = h.dispatch("governance.status").assertOk().data().path("state").asText();
            assertThat(state).as("state after open").isEqualTo(variant.expectedState());
            List<Alert> critical = h.alerts().at(AlertLevel.CRITICAL);
            assertThat(critical).as("a CRITICAL alert at open").isNotEmpty();
            assertThat(critical.get(0).message()).as("the alert names the file or commit")
                    .containsPattern("audit/|audit:|" + HEAD_FILE + "|behaviour\\.avl|commit [0-9a-f]{40}");
            // by verify
            JsonNode verify = h.dispatch("audit.verify").assertOk().data();
            assertThat(verify.path("intact").asBoolean()).as("audit.verify").isFalse();
            assertThat(problems(verify, "file")).as("audit.verify names it").anyMatch(p -> p.contains(named));
            JsonNode validate = h.dispatch("system.validate").assertOk().data();
            assertThat(validate.path("valid").asBoolean()).as("system.validate").isFalse();
            assertThat(problems(validate, "path")).as("system.validate names it").anyMatch(p -> p.contains(named));
            // nothing governed can be committed now
            h.dispatch("brain.request_commit").assertRejected(
                    variant.expectedState().equals("STATE_DR") ? ErrorCode.DR_ACTIVE : ErrorCode.BEHAVIOUR_INCONSISTENT);
        }
        // and after a reopen it is still found: writing the freeze did not launder the evidence
        try (AvalonHarness h = open(dir, later())) {
            JsonNode verify = h.dispatch("audit.verify").assertOk().data();
            assertThat(verify.path("intact").asBoolean()).as("audit.verify after a reopen").isFalse();
        }
    }

    @Test
    @DisplayName("the list holds at least the 21 variants asked for")
    void enoughVariants() {
        assertThat(variants().count()).isGreaterThanOrEqualTo(21);
    }

    @Test
    @DisplayName("a clean brain after a realistic session verifies clean, also after a reopen")
    void cleanBrain() throws Exception {
        Path dir = shared.resolve("clean");
        copy(template, dir);
        for (int open = 0; open < 2; open++) {
            try (AvalonHarness h = open(dir, later())) {
                assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();
                assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText())
                        .isEqualTo("STATE_NORMAL");
                JsonNode verify = h.dispatch("audit.verify").assertOk().data();
                assertThat(verify.path("problems")).isEmpty();
                assertThat(verify.path("intact").asBoolean()).isTrue();
                JsonNode validate = h.dispatch("system.validate").assertOk().data();
                assertThat(validate.path("problems")).isEmpty();
                assertThat(validate.path("valid").asBoolean()).isTrue();
                day(h, "na het heropenen " + open);
            }
        }
        assertThat(headFile(dir).path("seal").asText()).hasSize(64);
    }

    @Test
    @DisplayName("F4: behaviour.avl edited by hand cannot be committed, and verify fails")
    void editedBehaviourCannotBeCommitted() throws Exception {
        Path dir = shared.resolve("f4");
        copy(template, dir);
        try (AvalonHarness h = open(dir, later())) {
            edit(dir, "\"requireExplicitConsent\": true", "\"requireExplicitConsent\": false");
            var refused = h.dispatch("brain.request_commit").assertRejected(ErrorCode.BEHAVIOUR_INCONSISTENT);
            assertThat(refused.rejected().error().message()).contains("STATE_INCONSISTENT");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).anyMatch(a -> a.message().contains("behaviour.avl"));
            assertThat(h.store().log(10)).hasSize(2);
            JsonNode verify = h.dispatch("audit.verify").assertOk().data();
            assertThat(verify.path("intact").asBoolean()).isFalse();
            assertThat(problems(verify, "file")).anyMatch(p -> p.startsWith("behaviour.avl"));
            // put back as governance left it, the brain is consistent again and may commit
            edit(dir, "\"requireExplicitConsent\": false", "\"requireExplicitConsent\": true");
            assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_NORMAL");
        }
    }

    @Test
    @DisplayName("F4 on an unsealed brain whose head file was rewritten too: request_commit itself refuses, open finds it")
    void requestCommitRefusesGovernedFiles() throws Exception {
        Path dir = shared.resolve("f4-unsealed");
        MutableClock clock = new MutableClock(START, java.time.ZoneId.of("UTC"));
        try (AvalonHarness h = AvalonHarness.on(GitBrainStore.open(dir, clock), clock, b -> { })) {
            day(h, "een dag");
            // the head record agrees with the edit, so the probe sees nothing: only the audit log tells
            edit(dir, "\"requireExplicitConsent\": true", "\"requireExplicitConsent\": false");
            ObjectNode head = headFile(dir);
            head.put("behaviourSha256", sha(dir.resolve("behaviour.avl")));
            writeHead(dir, head);
            var refused = h.dispatch("brain.request_commit").assertRejected(ErrorCode.COMMIT_REFUSED);
            assertThat(refused.rejected().error().details()).anyMatch(v -> v.problem().contains("behaviour.avl")
                    && v.problem().contains("FORBIDDEN_MODIFICATION"));
            assertThat(h.store().head()).isEmpty();
        }
        try (AvalonHarness h = AvalonHarness.on(GitBrainStore.open(dir, clock), clock, b -> { })) {
            // found at open from the audit log alone
            assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_INCONSISTENT");
            h.dispatch("brain.request_commit").assertRejected(ErrorCode.BEHAVIOUR_INCONSISTENT);
            assertThat(problems(h.dispatch("audit.verify").assertOk().data(), "file")).anyMatch(p ->
                    p.startsWith("behaviour.avl") && p.contains("not explained by the audit log"));
        }
    }

    @Test
    @DisplayName("a sealed brain refuses to open without its key, and with another key it is tampered")
    void sealedBrainNeedsItsKey() throws Exception {
        Path dir = shared.resolve("keyless");
        copy(template, dir);
        MutableClock clock = later();
        GitBrainStore store = GitBrainStore.open(dir, clock);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AvalonHarness.on(store, clock, b -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("sealed");
        } finally {
            store.close();
        }
        try (AvalonHarness h = AvalonHarness.on(GitBrainStore.open(dir, clock), clock,
                b -> b.sealKeys(InMemorySealKeys.of("another host's key, not this one")))) {
            assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText()).isEqualTo("STATE_DR");
        }
    }

    // ------------------------------------------------------------------ tampering tools

    static List<String> lines(Path d) throws IOException {
        return new ArrayList<>(Arrays.asList(Files.readString(d.resolve(AUDIT)).split("\n")));
    }

    static void writeLines(Path d, List<String> lines) throws IOException {
        Files.writeString(d.resolve(AUDIT), String.join("\n", lines) + "\n");
    }

    /** A new entry chained onto the log's last one, hashed as Avalon hashes; {@code prev} overrides its link. */
    static AuditEntry forge(Path d, String prev) throws IOException {
        List<String> lines = lines(d);
        AuditEntry last = AuditEntry.fromJson(Json.parse(lines.get(lines.size() - 1)));
        AuditHead from = prev == null ? last.head() : new AuditHead(last.seq(), prev);
        ObjectNode forgedData = Json.object();
        forgedData.put("note", "all is well");
        return AuditChain.chain(from, last.ts().plusSeconds(60),
                List.of(new AuditRecord("logbook.entry_recorded", "user", null, forgedData))).get(0);
    }

    static ObjectNode headFile(Path d) throws IOException {
        return (ObjectNode) Json.parse(Files.readAllBytes(d.resolve(HEAD_FILE)));
    }

    static void writeHead(Path d, ObjectNode head) throws IOException {
        Files.write(d.resolve(HEAD_FILE), Json.pretty(head));
    }

    static void edit(Path d, String from, String to) throws IOException {
        String text = Files.readString(d.resolve("behaviour.avl"));
        assertThat(text).contains(from);
        Files.writeString(d.resolve("behaviour.avl"), text.replace(from, to));
    }

    static String headSha(Path d) throws Exception {
        try (Git git = Git.open(d.toFile())) {
            return git.getRepository().resolve("HEAD").getName();
        }
    }

    static String sha(Path file) throws IOException {
        return CanonicalJson.sha256Hex(Files.readAllBytes(file));
    }

    static List<String> problems(JsonNode result, String field) {
        List<String> out = new ArrayList<>();
        result.path("problems").forEach(p -> out.add(p.path(field).asText()
                + (p.path("line").asInt() > 0 ? ":" + p.path("line").asInt() : "") + " " + p.path("problem").asText()));
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
