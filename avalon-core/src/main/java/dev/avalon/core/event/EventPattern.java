package dev.avalon.core.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which event names a subscription or an automation trigger takes. Names and patterns are
 * dot-separated segments of {@code [a-z0-9_]}; in a pattern, {@code *} stands for exactly one
 * segment and {@code **} for any number of segments, none included. So {@code calendar.*} takes
 * {@code calendar.created} but not {@code calendar.invite.sent}; {@code *.created} takes
 * {@code reminder.created}; {@code **} takes everything.
 *
 * @param value the pattern as written, e.g. {@code finance.*}
 */
public record EventPattern(String value) {

    private static final Pattern SYNTAX = Pattern.compile("(\\*\\*|\\*|[a-z0-9_]+)(\\.(\\*\\*|\\*|[a-z0-9_]+))*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    /** Longest pattern or name, in characters. */
    public static final int MAX_LENGTH = 200;

    public EventPattern {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_LENGTH || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("not an event pattern (segments of a-z, 0-9, _, * or ** joined by"
                    + " dots): " + value);
        }
    }

    /** The pattern {@code value}; see the class comment for the syntax. */
    public static EventPattern of(String value) {
        return new EventPattern(value);
    }

    /** Whether {@code value} is a well-formed pattern. */
    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && SYNTAX.matcher(value).matches();
    }

    /** Whether {@code name} is a well-formed event name. */
    public static boolean isName(String name) {
        return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    /** Whether this pattern takes the event {@code name}; a malformed name matches nothing. */
    public boolean matches(String name) {
        if (!isName(name)) {
            return false;
        }
        return matches(value.split("\\."), 0, name.split("\\."), 0);
    }

    private static boolean matches(String[] p, int i, String[] n, int j) {
        while (i < p.length) {
            if (p[i].equals("**")) {
                // a run of ** is one **; then try every split point
                while (i + 1 < p.length && p[i + 1].equals("**")) {
                    i++;
                }
                for (int k = j; k <= n.length; k++) {
                    if (matches(p, i + 1, n, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= n.length || !(p[i].equals("*") || p[i].equals(n[j]))) {
                return false;
            }
            i++;
            j++;
        }
        return j == n.length;
    }

    @Override
    public String toString() {
        return value;
    }
}
