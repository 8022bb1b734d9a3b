package dev.avalon.core.audit;

import dev.avalon.core.port.BrainPath;

import java.util.Arrays;
import java.util.Objects;

/**
 * One year file of the audit log as stored, for {@link AuditVerifier}.
 *
 * @param path    for example {@code audit/2026.jsonl}
 * @param content the file's raw bytes (copied in and out)
 */
public record AuditFile(BrainPath path, byte[] content) {

    public AuditFile {
        Objects.requireNonNull(path, "path");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The number of bytes, without copying them. */
    int size() {
        return content.length;
    }

    /** True when this file is {@code earlier}'s path with {@code earlier}'s bytes at its start. */
    boolean startsWith(AuditFile earlier) {
        return earlier.path.equals(path) && earlier.content.length <= content.length
                && Arrays.equals(earlier.content, 0, earlier.content.length, content, 0, earlier.content.length);
    }

    /** The number of lines ended by a newline. */
    int newlines() {
        int count = 0;
        for (byte b : content) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditFile f && f.path.equals(path) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "AuditFile[" + path + ", " + content.length + " bytes]";
    }
}
