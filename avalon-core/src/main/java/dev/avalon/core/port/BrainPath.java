package dev.avalon.core.port;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file's place in the brain: relative, '/'-separated, never escaping the brain and never inside
 * {@code .git}.
 *
 * @param value for example {@code behaviour.avl} or {@code audit/2026.jsonl}
 */
public record BrainPath(String value) implements Comparable<BrainPath> {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public BrainPath {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.startsWith("/") || value.endsWith("/") || value.length() > 512) {
            throw new IllegalArgumentException("not a brain path: '" + value + "'");
        }
        for (String segment : value.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                    || segment.equals(".git")) {
                throw new IllegalArgumentException("not a brain path: '" + value + "'");
            }
        }
    }

    public static BrainPath of(String value) {
        return new BrainPath(value);
    }

    /** True when this path is {@code folder} itself or lies beneath it. */
    public boolean isUnder(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        return value.equals(folder) || value.startsWith(prefix);
    }

    @Override
    public int compareTo(BrainPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
