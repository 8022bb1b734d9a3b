package dev.avalon.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon verify")
class VerifyCommandTest {

    @TempDir
    Path tmp;

    private Path brain;

    /** A brain with one consented commit: the user's threshold patch, approved and committed through run. */
    @BeforeEach
    void aBrainWithOneCommit() {
        brain = tmp.resolve("brain");
        String session = """
                {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-1","type":"PATCH","path":"reminderEscalationRules.threshold","before":3,"after":2,"rationale":"eerder een duwtje","riskLevel":"LOW","source":"USER"}}}
                {"action":"question.answer","data":{"id":"Q-0001","answer":"JA"}}
                {"action":"question.answer","data":{"id":"Q-0002","answer":"JA"}}
                """;
        Cli.Execution run = Cli.execute(session.getBytes(StandardCharsets.UTF_8), "run", "--brain", brain.toString(),
                "--clock", "2026-11-23T09:30:00+01:00", "--sequential-ids");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.jsonLines().get(2).path("data").path("commitSha").asText()).as(run.out()).matches("[0-9a-f]{40}");
    }

    @Test
    @DisplayName("exits 0 on a healthy brain and reports the version and the audit chain")
    void healthyBrain() {
        Cli.Execution verify = Cli.execute("verify", "--brain", brain.toString());

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out())
                .contains("valid, version 1.0.1")
                .contains("every file validates")
                .contains("STATE_NORMAL")
                .contains("intact")
                .contains("OK");
    }

    @Test
    @DisplayName("exits 1 when behaviour.avl was corrupted on disk, and the brain goes into disaster recovery")
    void corruptBehaviour() throws Exception {
        Files.writeString(brain.resolve("behaviour.avl"), "{ \"version\": \"1.0.1\", this is not json");

        Cli.Execution verify = Cli.execute("verify", "--brain", brain.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("INVALID").contains("STATE_DR").contains("NOT OK");
        assertThat(verify.err()).contains("ALERT CRITICAL");
        // the freeze is persisted: a second look still fails
        assertThat(Cli.execute("verify", "--brain", brain.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    @DisplayName("exits 1 when an audit line was altered on disk")
    void alteredAuditLog() throws Exception {
        Path audit;
        try (var files = Files.list(brain.resolve("audit"))) {
            audit = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
        String log = Files.readString(audit);
        String first = log.substring(0, log.indexOf('\n'));
        // still canonical JSON of the right shape, different content: only the hash can tell
        String altered = first.replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"mallory\"");
        assertThat(altered).isNotEqualTo(first);
        Files.writeString(audit, altered + log.substring(first.length()));

        Cli.Execution verify = Cli.execute("verify", "--brain", brain.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("BROKEN").contains("NOT OK");
    }

    @Test
    @DisplayName("exits 1 without creating anything when the folder is not a brain")
    void notABrain() {
        Path missing = tmp.resolve("nothing-here");

        Cli.Execution verify = Cli.execute("verify", "--brain", missing.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("no brain at");
        assertThat(missing).doesNotExist();
    }
}
