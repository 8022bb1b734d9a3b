package dev.avalon.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line git, for checking that a brain is an ordinary repository. */
final class GitCli {

    private static final Boolean AVAILABLE = probe();

    record Result(int exit, String out) {
    }

    private GitCli() {
    }

    /** True when a {@code git} command is on the PATH. */
    static boolean available() {
        return AVAILABLE;
    }

    /** Runs {@code git -C dir args…} without the user's or system's configuration; stdout and stderr together. */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("git " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    /** Asserts that {@code git fsck --full --strict} finds nothing wrong (skipped without git). */
    static void fsckClean(Path dir) throws IOException, InterruptedException {
        if (!available()) {
            return;
        }
        Result fsck = run(dir, "fsck", "--full", "--strict", "--no-progress");
        assertThat(fsck.exit()).as("git fsck exit code; output:%n%s", fsck.out()).isZero();
        assertThat(fsck.out()).as("git fsck output").doesNotContainPattern("(?i)error|warning|missing|broken|corrupt|bad ");
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
