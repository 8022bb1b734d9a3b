package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("avalon run --remote --backup-dir, and avalon restore on a new machine")
class RestoreCommandTest {

    @TempDir
    Path tmp;

    private Path brain;
    private Path remote;
    private Path backups;
    private String head;

    /**
     * A sealed brain on the first machine, run with a git remote (a bare repository) and a backup folder:
     * one consented commit, pushed, then a backup.
     */
    @BeforeEach
    void aBrainPushedAndBackedUp() {
        assumeTrue(Cli.gitInstalled(), "git is installed");
        brain = tmp.resolve("first/brain");
        remote = tmp.resolve("remote.git");
        backups = tmp.resolve("backups");
        assertThat(Cli.git(tmp, "init", "-q", "--bare", "-b", "main", remote.toString()).orElseThrow().exitCode())
                .isZero();
        String session = """
                {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-1","type":"PATCH","path":"reminderEscalationRules.threshold","before":3,"after":2,"rationale":"eerder een duwtje","riskLevel":"LOW","source":"USER"}}}
                {"action":"question.answer","data":{"id":"Q-0001","answer":"JA"}}
                {"action":"question.answer","data":{"id":"Q-0002","answer":"JA"}}
                {"action":"backup.run"}
                {"action":"backup.list"}
                """;
        Cli.Execution run = Cli.execute(session.getBytes(StandardCharsets.UTF_8), "run", "--brain", brain.toString(),
                "--clock", "2026-11-23T09:30:00+01:00", "--sequential-ids",
                "--key-file", tmp.resolve("first/seal.key").toString(),
                "--remote", remote.toString(), "--backup-dir", backups.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        head = run.jsonLines().get(2).path("data").path("commitSha").asText();
        assertThat(head).as(run.out()).matches("[0-9a-f]{40}");
        JsonNode list = run.jsonLines().get(4).path("data");
        assertThat(list.path("backups")).hasSize(1);
        assertThat(list.path("backups").get(0).path("head").asText()).isEqualTo(head);
        assertThat(list.path("remote").path("pushedHead").asText()).isEqualTo(head);
    }

    @Test
    @DisplayName("restore --from a remote: cloned, checked, adopted under the new machine's key; verify is OK")
    void fromRemote() {
        Path restored = tmp.resolve("second/brain");
        Path key = tmp.resolve("second/seal.key");

        Cli.Execution restore = Cli.execute("restore", "--from", remote.toString(), "--brain", restored.toString(),
                "--key-file", key.toString());

        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains(head).contains("STATE_NORMAL").contains("intact")
                .contains("every file validates").contains("OK: restored");
        assertThat(key).exists();
        Cli.Execution verify = Cli.execute("verify", "--brain", restored.toString(), "--key-file", key.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(Cli.git(restored, "fsck", "--full").orElseThrow().exitCode()).isZero();
    }

    @Test
    @DisplayName("restore --from a backup bundle works the same")
    void fromBundle() throws Exception {
        Path bundle;
        try (var files = Files.list(backups)) {
            bundle = files.filter(f -> f.toString().endsWith(".bundle")).findFirst().orElseThrow();
        }
        Path restored = tmp.resolve("second/brain");

        Cli.Execution restore = Cli.execute("restore", "--from", bundle.toString(), "--brain", restored.toString(),
                "--key-file", tmp.resolve("second/seal.key").toString());

        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains(head).contains("STATE_NORMAL").contains("OK: restored");
    }

    @Test
    @DisplayName("restore refuses a folder that is not empty and a source that is not a brain")
    void refusals() throws Exception {
        Path occupied = tmp.resolve("occupied");
        Files.createDirectories(occupied);
        Files.writeString(occupied.resolve("notes.txt"), "mine\n");

        Cli.Execution intoOccupied = Cli.execute("restore", "--from", remote.toString(), "--brain", occupied.toString());
        Cli.Execution fromNothing = Cli.execute("restore", "--from", tmp.resolve("nothing.git").toString(),
                "--brain", tmp.resolve("new").toString());

        assertThat(intoOccupied.exitCode()).isEqualTo(1);
        assertThat(intoOccupied.err()).contains("not empty");
        assertThat(Files.readString(occupied.resolve("notes.txt"))).isEqualTo("mine\n");
        assertThat(fromNothing.exitCode()).isEqualTo(1);
        assertThat(fromNothing.err()).contains("cannot restore");
    }

    @Test
    @DisplayName("--backup-dir inside the brain is refused")
    void backupDirInsideBrain() {
        Cli.Execution run = Cli.execute("{\"action\":\"system.health\"}".getBytes(StandardCharsets.UTF_8), "run",
                "--brain", brain.toString(), "--key-file", tmp.resolve("first/seal.key").toString(),
                "--backup-dir", brain.resolve("backups").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--backup-dir").contains("inside the brain");
    }
}
