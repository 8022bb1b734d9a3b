package dev.avalon.core.notulen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a user-given name may become one path segment of the brain on every platform
 * the brain may be checked out on: no separators, no {@code .} or {@code ..}, not absolute, no
 * control characters, no Windows reserved device names ({@code CON}, {@code PRN}, {@code AUX},
 * {@code NUL}, {@code COM1}-{@code COM9}, {@code LPT1}-{@code LPT9}, also with an extension), and only
 * letters, digits, {@code .}, {@code _} and {@code -}.
 */
public final class SafeName {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeName() {
    }

    /** Every reason {@code name} cannot be a path segment; empty when it can. */
    public static List<String> problems(String name) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            return List.of("is empty");
        }
        if (name.length() > MAX_LENGTH) {
            problems.add("is longer than " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add("contains control characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problems.add("contains a path separator");
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            problems.add("is an absolute path");
        }
        if (name.equals(".") || name.equals("..") || name.contains("..")) {
            problems.add("contains '..'");
        } else if (name.startsWith(".")) {
            problems.add("starts with '.' (hidden file)");
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            problems.add("ends with '.' or a space");
        }
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (RESERVED.contains(base.toUpperCase(Locale.ROOT))) {
            problems.add("is a reserved device name (" + base.toUpperCase(Locale.ROOT) + ")");
        }
        if (problems.isEmpty() && !ALLOWED.matcher(name).matches()) {
            problems.add("may contain only letters, digits, '.', '_' and '-'");
        }
        return problems;
    }

    public static boolean isSafe(String name) {
        return problems(name).isEmpty();
    }
}
