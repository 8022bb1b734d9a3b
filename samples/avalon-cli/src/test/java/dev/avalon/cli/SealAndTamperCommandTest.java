package dev.avalon.cli;

import dev.avalon.tenants.SealKeyFile;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon run and verify with a seal key; F4, behaviour.avl edited by hand")
class SealAndTamperCommandTest {

    @TempDir
    Path tmp;

    private Path brain;
    private Path key;

    /** A sealed brain with one consented commit, made through run with its own key file. */
    @BeforeEach
    void aSealedBrain() {
        brain = tmp.resolve("brain");
        key = tmp.resolve("config").resolve("avalon").resolve("seal.key");
        String session = """
                {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-1","type":"PATCH","path":"reminderEscalationRules.threshold","before":3,"after":2,"rationale":"eerder een duwtje","riskLevel":"LOW","source":"USER"}}}
                {"action":"question.answer","data":{"id":"Q-0001","answer":"JA"}}
                {"action":"question.answer","data":{"id":"Q-0002","answer":"JA"}}
                """;
        Cli.Execution run = Cli.execute(session.getBytes(StandardCharsets.UTF_8), "run", "--brain", brain.toString(),
                "--clock", "2026-11-23T09:30:00+01:00", "--sequential-ids", "--key-file", key.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.jsonLines().get(2).path("data").path("commitSha").asText()).as(run.out()).matches("[0-9a-f]{40}");
    }

    @Test
    @DisplayName("run creates the key file, owner-only, and seals the brain with it; verify with it is OK")
    void keyFileAndSeal() throws Exception {
        assertThat(key).exists();
        assertThat(Files.readString(key).strip()).matches("[0-9a-f]{64}");
        if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())))
                    .isEqualTo("rwx------");
        }
        JsonNode head = Cli.parse(Files.readString(brain.resolve("state/audit-head.json")));
        assertThat(head.path("seal").asText()).matches("[0-9a-f]{64}");
        Cli.Execution verify = Cli.execute("verify", "--brain", brain.toString(), "--key-file", key.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    @DisplayName("verify without the key opens nothing and exits 1; with another key the brain is tampered")
    void sealedBrainNeedsItsKey() throws Exception {
        Path missing = tmp.resolve("nowhere").resolve("seal.key");
        Cli.Execution keyless = Cli.execute("verify", "--brain", brain.toString(), "--key-file", missing.toString());
        assertThat(keyless.exitCode()).isEqualTo(1);
        assertThat(keyless.err()).contains("sealed");
        assertThat(missing).doesNotExist();

        Path another = tmp.resolve("another.key");
        Files.writeString(another, "ab".repeat(32) + "\n");
        Cli.Execution wrong = Cli.execute("verify", "--brain", brain.toString(), "--key-file", another.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.out()).contains("STATE_DR").contains("state/audit-head.json");
    }

    @Test
    @DisplayName("F4: requireExplicitConsent set to false by hand is found by verify and can never be committed")
    void f4() throws Exception {
        Path behaviour = brain.resolve("behaviour.avl");
        String text = Files.readString(behaviour);
        assertThat(text).contains("\"requireExplicitConsent\": true");
        Files.writeString(behaviour, text.replace("\"requireExplicitConsent\": true", "\"requireExplicitConsent\": false"));

        Cli.Execution verify = Cli.execute("verify", "--brain", brain.toString(), "--key-file", key.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("behaviour.avl").contains("STATE_INCONSISTENT").contains("NOT OK");
        assertThat(verify.err()).contains("ALERT CRITICAL");

        String commitAttempt = """
                {"action":"brain.request_commit","data":{}}
                """;
        Cli.Execution run = Cli.execute(commitAttempt.getBytes(StandardCharsets.UTF_8), "run", "--brain",
                brain.toString(), "--key-file", key.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode answer = run.jsonLines().get(0);
        assertThat(answer.path("ok").asBoolean()).isFalse();
        assertThat(answer.path("error").path("code").asText()).isEqualTo("BEHAVIOUR_INCONSISTENT");
        try (dev.avalon.git.GitBrainStore store = dev.avalon.git.GitBrainStore.open(brain)) {
            assertThat(store.log(10)).hasSize(1);
        }
    }

    @Test
    @DisplayName("the default key file is in $XDG_CONFIG_HOME/avalon, else ~/.config/avalon")
    void defaultLocation() {
        assertThat(SealKeyFile.defaultLocation(Map.of("XDG_CONFIG_HOME", "/x/config"), "/home/u"))
                .isEqualTo(Path.of("/x/config/avalon/seal.key"));
        assertThat(SealKeyFile.defaultLocation(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.config/avalon/seal.key"));
        // a relative XDG_CONFIG_HOME is invalid by the XDG spec and ignored
        assertThat(SealKeyFile.defaultLocation(Map.of("XDG_CONFIG_HOME", "rel"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.config/avalon/seal.key"));
    }
}
