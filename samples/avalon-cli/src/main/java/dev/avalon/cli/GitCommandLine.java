package dev.avalon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} program, when it is installed. The demo shows the brain through it on purpose: a
 * newcomer should see that the brain is an ordinary repository any git tool can read.
 */
final class GitCommandLine {

    /** What one git invocation printed (stdout and stderr merged) and its exit code. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private GitCommandLine() {
    }

    /** Runs {@code git -C folder args…}; empty when git is not on the PATH. */
    static Optional<Result> run(Path folder, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--no-pager", "-C", folder.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a reader's locale or a pager must not change what is printed
        builder.environment().put("GIT_PAGER", "cat");
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream in = process.getInputStream()) {
            process.getOutputStream().close();
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(new Result(-1, output + "\n(git did not finish within " + TIMEOUT_SECONDS + " s)"));
            }
            return Optional.of(new Result(process.exitValue(), output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.of(new Result(-1, "(interrupted)"));
        }
    }
}
