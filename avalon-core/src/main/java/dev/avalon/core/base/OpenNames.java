package dev.avalon.core.base;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The interned instances of an open set of wire names (error codes, question kinds, refusal
 * reasons): core names its own, a feature adds its own, and the same name always yields the same
 * instance, so instances compare with {@code ==} as enum constants did.
 *
 * @param <T> the typed name
 */
public final class OpenNames<T> {

    /** Upper case letters, digits and underscores, starting with a letter: the style of every wire name. */
    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String what;
    private final Function<String, T> make;
    private final Map<String, T> known = new ConcurrentHashMap<>();

    public OpenNames(String what, Function<String, T> make) {
        this.what = Objects.requireNonNull(what, "what");
        this.make = Objects.requireNonNull(make, "make");
    }

    /**
     * The instance named {@code name}.
     *
     * @throws IllegalArgumentException when the name is not of the wire style
     */
    public T of(String name) {
        Objects.requireNonNull(name, "name");
        T seen = known.get(name);
        if (seen != null) {
            return seen;
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": " + name
                    + " (upper case letters, digits and _, e.g. WEEKCLOSE_PROPOSAL)");
        }
        return known.computeIfAbsent(name, make);
    }
}
