package dev.avalon.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Lines of raw bytes, split at {@code \n} (a {@code \r} before it is dropped). Bytes, not characters,
 * so that a line of invalid UTF-8 reaches Avalon unchanged and is refused there, like any other bad
 * input, instead of being silently "repaired" by a decoder.
 *
 * <p>A line longer than {@code maxLineBytes} is cut to {@code maxLineBytes + 1} bytes and the rest of
 * it skipped: memory stays bounded, and the cut line is still over Avalon's payload limit, so it is
 * answered with PAYLOAD_TOO_LARGE rather than parsed as a fragment.
 */
final class ByteLines {

    private static final int CHUNK = 8192;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[CHUNK];
    private int position;
    private int limit;
    private boolean eof;

    ByteLines(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its line ending, or {@code null} at the end of the input. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    return sawAnything ? trimCarriageReturn(line.toByteArray()) : null;
                }
            }
            sawAnything = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int room = maxLineBytes + 1 - line.size();
            line.write(buffer, start, Math.max(0, Math.min(room, position - start)));
            if (position < limit) {
                position++; // the '\n'
                return trimCarriageReturn(line.toByteArray());
            }
        }
    }

    private boolean fill() throws IOException {
        // read() blocks until at least one byte is there, so an interactive session is answered line by line
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static byte[] trimCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    /** True when the line holds nothing but spaces and tabs. */
    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
