package dev.avalon.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One condition {@code GET /readyz} checks, e.g. "the key store is readable".
 *
 * @param name  short name shown in the answer, e.g. {@code keys}
 * @param check true when the condition holds now
 */
public record ReadinessCheck(String name, BooleanSupplier check) {

    public ReadinessCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
    }

    /** The file at {@code file} exists and can be read. */
    public static ReadinessCheck readableFile(String name, Path file) {
        return new ReadinessCheck(name, () -> Files.isRegularFile(file) && Files.isReadable(file));
    }

    /** The folder at {@code folder} exists and can be written. */
    public static ReadinessCheck writableFolder(String name, Path folder) {
        return new ReadinessCheck(name, () -> Files.isDirectory(folder) && Files.isWritable(folder));
    }

    boolean holds() {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
