package dev.avalon.tenants;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant id: the name of the tenant's brain folder below the brains root, so only lowercase
 * letters, digits and dashes, starting with a letter or digit, at most 63 characters. Nothing else
 * is accepted: no dots, no separators, no case folding that two file systems could disagree on.
 *
 * @param id the validated id
 */
public record Tenant(String id) {

    /** The form every tenant id has. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Tenant {
        Objects.requireNonNull(id, "id");
        if (!PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("not a tenant id: '" + id + "' (expected " + PATTERN.pattern() + ")");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
