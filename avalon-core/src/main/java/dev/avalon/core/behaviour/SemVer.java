package dev.avalon.core.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Semantic Versioning 2.0.0 version: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}.
 *
 * <p>Only the backend bumps the version of {@code behaviour.avl} (seed 06 §2), and it does so with
 * {@link #bump(PatchType)}; versions written by hand or by older releases may still carry
 * pre-release or build identifiers, so the whole grammar is accepted.
 *
 * <h2>Order</h2>
 * {@link #compareTo} is SemVer precedence (spec §11): major, minor and patch numerically; a
 * pre-release version precedes its release; pre-release identifiers compare left to right, numeric
 * ones numerically, alphanumeric ones by ASCII, numeric before alphanumeric, and a shorter list
 * first when all shared identifiers are equal. Build metadata has no precedence, so
 * {@code 1.0.0+a} and {@code 1.0.0+b} have the same precedence ({@link #comparePrecedence} returns 0);
 * to keep {@code compareTo} a total order consistent with {@link #equals} (needed by sorted sets and
 * maps), such ties are broken by the dot-joined build string in plain {@link String} order, with no
 * build first. Use {@link #comparePrecedence} when build metadata must be ignored.
 *
 * <pre>{@code
 * SemVer v = SemVer.parse("1.4.2");
 * SemVer next = v.bump(PatchType.MINOR);                                              // 1.5.0
 * boolean earlier = SemVer.parse("1.0.0-rc.1").compareTo(SemVer.parse("1.0.0")) < 0;  // true
 * }</pre>
 *
 * @param major      non-negative
 * @param minor      non-negative
 * @param patch      non-negative
 * @param preRelease pre-release identifiers, empty for a release; each {@code [0-9A-Za-z-]+}, numeric
 *                   ones without leading zeros
 * @param build      build metadata identifiers, possibly empty; each {@code [0-9A-Za-z-]+}
 */
public record SemVer(int major, int minor, int patch, List<String> preRelease, List<String> build)
        implements Comparable<SemVer> {

    public SemVer {
        requireNonNegative(major, "major");
        requireNonNegative(minor, "minor");
        requireNonNegative(patch, "patch");
        preRelease = List.copyOf(Objects.requireNonNull(preRelease, "preRelease"));
        build = List.copyOf(Objects.requireNonNull(build, "build"));
        for (String id : preRelease) {
            String problem = identifierProblem(id, true);
            if (problem != null) {
                throw new IllegalArgumentException("invalid pre-release identifier \"" + id + "\": " + problem);
            }
        }
        for (String id : build) {
            String problem = identifierProblem(id, false);
            if (problem != null) {
                throw new IllegalArgumentException("invalid build identifier \"" + id + "\": " + problem);
            }
        }
    }

    /** A release version without pre-release or build identifiers. */
    public static SemVer of(int major, int minor, int patch) {
        return new SemVer(major, minor, patch, List.of(), List.of());
    }

    /**
     * Parses a version string.
     *
     * @throws IllegalArgumentException naming what is wrong, e.g. a leading zero, an empty
     *                                  identifier, a missing part or a prefix such as {@code v}
     */
    public static SemVer parse(String text) {
        Objects.requireNonNull(text, "text");
        String rest = text;
        List<String> build = List.of();
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            build = identifiers(rest.substring(plus + 1), false, "build metadata", text);
            rest = rest.substring(0, plus);
        }
        List<String> preRelease = List.of();
        // The first hyphen starts the pre-release: identifiers may themselves contain hyphens.
        int hyphen = rest.indexOf('-');
        if (hyphen >= 0) {
            preRelease = identifiers(rest.substring(hyphen + 1), true, "pre-release", text);
            rest = rest.substring(0, hyphen);
        }
        String[] core = rest.split("\\.", -1);
        if (core.length != 3) {
            throw new IllegalArgumentException(quote(text)
                    + " is not a SemVer 2.0.0 version: expected MAJOR.MINOR.PATCH, e.g. 1.4.2");
        }
        return new SemVer(number(core[0], "major", text), number(core[1], "minor", text),
                number(core[2], "patch", text), preRelease, build);
    }

    /** {@link #parse} without the exception; empty for {@code null} or an invalid string. */
    public static Optional<SemVer> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether this is a pre-release version (it has pre-release identifiers). */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /**
     * The next version for a change of {@code type}: MAJOR → {@code (major+1).0.0}, MINOR →
     * {@code major.(minor+1).0}, PATCH → {@code major.minor.(patch+1)}. Pre-release and build
     * identifiers are dropped: a bumped behaviour is a release. The result always has a higher
     * precedence than this version.
     *
     * @throws IllegalStateException when the part to increase is already {@link Integer#MAX_VALUE}
     */
    public SemVer bump(PatchType type) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case MAJOR -> of(increment(major, "major"), 0, 0);
            case MINOR -> of(major, increment(minor, "minor"), 0);
            case PATCH -> of(major, minor, increment(patch, "patch"));
        };
    }

    /** SemVer precedence only: build metadata is ignored, so distinct versions may compare equal. */
    public int comparePrecedence(SemVer other) {
        Objects.requireNonNull(other, "other");
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
    }

    /**
     * Precedence, then (only for equal precedence) the dot-joined build metadata as a tie-breaker;
     * see the class documentation. Zero exactly when {@link #equals} is true.
     */
    @Override
    public int compareTo(SemVer other) {
        int c = comparePrecedence(other);
        // Identifiers are non-empty and contain no dot, so distinct lists join to distinct strings.
        return c != 0 ? c : String.join(".", build).compareTo(String.join(".", other.build));
    }

    /** The canonical text form; {@code SemVer.parse(v.toString()).equals(v)} for every version. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            out.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            out.append('+').append(String.join(".", build));
        }
        return out.toString();
    }

    private static int comparePreRelease(List<String> a, List<String> b) {
        // A release outranks every pre-release of the same core version.
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        int shared = Math.min(a.size(), b.size());
        for (int i = 0; i < shared; i++) {
            int c = compareIdentifier(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifier(String x, String y) {
        boolean xNumeric = isNumeric(x);
        boolean yNumeric = isNumeric(y);
        if (xNumeric && yNumeric) {
            // No leading zeros and unbounded size: the longer digit string is the larger number.
            int c = Integer.compare(x.length(), y.length());
            return c != 0 ? c : x.compareTo(y);
        }
        if (xNumeric != yNumeric) {
            return xNumeric ? -1 : 1;
        }
        return x.compareTo(y);
    }

    private static List<String> identifiers(String part, boolean preRelease, String what, String text) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException(quote(text) + " has an empty " + what);
        }
        List<String> out = new ArrayList<>();
        for (String id : part.split("\\.", -1)) {
            String problem = identifierProblem(id, preRelease);
            if (problem != null) {
                throw new IllegalArgumentException(quote(text) + " has an invalid " + what + " identifier "
                        + quote(id) + ": " + problem);
            }
            out.add(id);
        }
        return out;
    }

    /** Why {@code id} is not a valid identifier, or {@code null} when it is. */
    private static String identifierProblem(String id, boolean preRelease) {
        if (id == null || id.isEmpty()) {
            return "identifiers must not be empty";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-')) {
                return "only ASCII letters, digits and '-' are allowed";
            }
        }
        if (preRelease && isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
            return "numeric identifiers must not have leading zeros";
        }
        return null;
    }

    private static boolean isNumeric(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !id.isEmpty();
    }

    private static int number(String digits, String part, String text) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException(quote(text) + " has an empty " + part + " version");
        }
        if (!isNumeric(digits)) {
            throw new IllegalArgumentException(quote(text) + " has a non-numeric " + part + " version "
                    + quote(digits));
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException(quote(text) + " has a leading zero in its " + part + " version");
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " has a " + part + " version larger than "
                    + Integer.MAX_VALUE, e);
        }
    }

    private static int increment(int value, String part) {
        if (value == Integer.MAX_VALUE) {
            throw new IllegalStateException("cannot bump the " + part + " version beyond " + Integer.MAX_VALUE);
        }
        return value + 1;
    }

    private static void requireNonNegative(int value, String part) {
        if (value < 0) {
            throw new IllegalArgumentException(part + " version must not be negative: " + value);
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
