package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Runs the {@code avalon} command in-process with captured streams. */
final class Cli {

    /** What one execution left behind. */
    record Execution(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Every stdout line parsed as JSON. */
        List<JsonNode> jsonLines() {
            return outLines().stream().map(Cli::parse).toList();
        }
    }

    private Cli() {
    }

    static Execution execute(String... args) {
        return execute(new byte[0], args);
    }

    static Execution execute(byte[] stdin, String... args) {
        return execute(new ByteArrayInputStream(stdin), args);
    }

    static Execution execute(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AvalonCli.commandLine(stdin, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Execution(code, out.toString(), err.toString());
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Runs {@code git -C folder args…}; empty when git is not installed. */
    static Optional<GitCommandLine.Result> git(Path folder, String... args) {
        return GitCommandLine.run(folder, args);
    }

    static boolean gitInstalled() {
        return GitCommandLine.run(Path.of("."), "--version").isPresent();
    }
}
