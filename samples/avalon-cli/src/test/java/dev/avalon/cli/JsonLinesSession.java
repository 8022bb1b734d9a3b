package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@code avalon run} session driven line by line, the way a front end drives it: send one action,
 * wait for its answer, decide the next action from it. The command runs on its own thread, reading a
 * pipe; its stdout is split into lines as they are printed.
 */
final class JsonLinesSession implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final PipedOutputStream toCli;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringWriter err = new StringWriter();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<Integer> exitCode;

    JsonLinesSession(String... args) throws IOException {
        PipedInputStream stdin = new PipedInputStream(1 << 16);
        this.toCli = new PipedOutputStream(stdin);
        PrintWriter out = new PrintWriter(new LineSplitter(answers), true);
        this.exitCode = thread.submit(() -> AvalonCli.commandLine(stdin, out, new PrintWriter(err, true)).execute(args));
    }

    /** Sends one line (raw bytes, a newline is added) without waiting for an answer. */
    void write(byte[] line) throws IOException {
        toCli.write(line);
        toCli.write('\n');
        toCli.flush();
    }

    /** Sends one line and returns the answer line, parsed. */
    JsonNode send(byte[] line) throws Exception {
        write(line);
        return next();
    }

    JsonNode send(String line) throws Exception {
        return send(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The next answer line, parsed; fails when none comes in time. */
    JsonNode next() throws Exception {
        String line = answers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s; stderr:\n" + err);
        }
        return Cli.parse(line);
    }

    /** Ends the input and returns the command's exit code. */
    int finish() throws Exception {
        toCli.close();
        return exitCode.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Answer lines printed but not yet taken by {@link #next}. */
    int unread() {
        return answers.size();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() throws IOException {
        toCli.close();
        thread.shutdownNow();
    }

    /** A writer that hands every completed line to a queue. */
    private static final class LineSplitter extends Writer {
        private final BlockingQueue<String> lines;
        private final StringBuilder current = new StringBuilder();

        LineSplitter(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    lines.add(current.toString());
                    current.setLength(0);
                } else if (c != '\r') {
                    current.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
