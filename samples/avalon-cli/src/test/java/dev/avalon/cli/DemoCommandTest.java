package dev.avalon.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("avalon demo")
class DemoCommandTest {


    @TempDir
    Path tmp;

    @Test
    @DisplayName("proposes, approves and commits the threshold patch, and says so readably")
    void runsTheGovernanceFlow() {
        Path brain = tmp.resolve("brain");

        Cli.Execution demo = Cli.execute("demo", "--brain", brain.toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out())
                .contains("behaviour.propose_patch")
                .contains("PATCH_APPROVAL")
                .contains("COMMIT_CONSENT")
                .contains("1.0.0 → 1.0.1")
                .contains(brain.toAbsolutePath().normalize().toString());
        assertThat(commitSha(demo.out())).matches("[0-9a-f]{40}");
        assertThat(brain.resolve(".git")).exists();
        assertThat(brain.resolve("behaviour.avl")).exists();
    }

    @Test
    @DisplayName("leaves a commit that the git command line shows and git fsck --full finds clean")
    void commitIsVisibleToGit() throws Exception {
        assumeTrue(Cli.gitInstalled(), "git is not installed");
        Path brain = tmp.resolve("brain");

        Cli.Execution demo = Cli.execute("demo", "--brain", brain.toString());
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        String sha = commitSha(demo.out());

        GitCommandLine.Result log = Cli.git(brain, "log", "--stat", "--format=commit %H%n%s", "-n", "5").orElseThrow();
        assertThat(log.ok()).as(log.output()).isTrue();
        assertThat(log.output()).contains("commit " + sha).contains("behaviour.avl");
        assertThat(demo.out()).contains("$ git log --stat -n 5").contains("commit " + sha);

        GitCommandLine.Result fsck = Cli.git(brain, "fsck", "--full", "--strict").orElseThrow();
        assertThat(fsck.exitCode()).as(fsck.output()).isZero();
        assertThat(fsck.output()).doesNotContainPattern("(?im)^(error|missing|broken|bad|warning)");

        String committed = Cli.git(brain, "show", sha + ":behaviour.avl").orElseThrow().output();
        assertThat(Cli.parse(committed).path("reminderEscalationRules").path("threshold").asInt()).isEqualTo(2);
        assertThat(Cli.parse(committed).path("version").asText()).isEqualTo("1.0.1");
        assertThat(Files.readString(brain.resolve("behaviour.avl"))).isEqualTo(committed);
    }

    @Test
    @DisplayName("creates its brain in a new temporary folder when no --brain is given")
    void defaultBrainIsATemporaryFolder() {
        Cli.Execution demo = Cli.execute("demo");
        try {
            assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        } finally {
            Matcher m = Pattern.compile("(?m)^  brain    (.+)$").matcher(demo.out());
            if (m.find()) {
                Brains.deleteRecursively(Path.of(m.group(1)));
            }
        }
        assertThat(demo.out()).contains("avalon-demo-");
    }

    @Test
    @DisplayName("refuses a folder that is not empty, and changes nothing in it")
    void refusesANonEmptyFolder() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(folder.resolve("notes.txt"), "mine");

        Cli.Execution demo = Cli.execute("demo", "--brain", folder.toString());

        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.err()).contains("not empty");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("notes.txt"));
        }
    }

    private static String commitSha(String out) {
        Matcher m = Pattern.compile("(?m)^  commit   ([0-9a-f]{40})$").matcher(out);
        assertThat(m.find()).as("a commit line in:\n" + out).isTrue();
        return m.group(1);
    }
}
