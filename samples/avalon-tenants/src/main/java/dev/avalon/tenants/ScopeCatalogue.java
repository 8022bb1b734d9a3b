package dev.avalon.tenants;

import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes a key may be given: every action's scope in the catalogue (e.g. {@code calendar:read}),
 * every area's wildcard ({@code calendar:*}) and {@code *}. Anything else would grant nothing, so it
 * is refused when a key is made rather than discovered by a puzzled client.
 *
 * @param actionScopes the scopes the catalogue's actions require
 */
public record ScopeCatalogue(Set<String> actionScopes) {

    /** Grants every action. */
    public static final String ALL = "*";

    public ScopeCatalogue {
        actionScopes = Set.copyOf(actionScopes);
    }

    /** The scopes of {@code catalog}'s actions. */
    public static ScopeCatalogue of(ActionCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        Set<String> scopes = new TreeSet<>();
        for (ActionDefinition action : catalog.all()) {
            scopes.add(action.scope());
        }
        return new ScopeCatalogue(scopes);
    }

    /** Every scope a key may hold, sorted: {@code *}, the area wildcards and the action scopes. */
    public List<String> known() {
        Set<String> known = new TreeSet<>(actionScopes);
        for (String scope : actionScopes) {
            int colon = scope.indexOf(':');
            if (colon > 0) {
                known.add(scope.substring(0, colon) + ":*");
            }
        }
        List<String> all = new ArrayList<>();
        all.add(ALL);
        all.addAll(known);
        return List.copyOf(all);
    }

    /**
     * {@code scopes} as a set when each is known.
     *
     * @throws IllegalArgumentException naming every unknown scope and listing the known ones
     */
    public Set<String> require(Collection<String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope; known scopes: "
                    + String.join(", ", known()));
        }
        List<String> known = known();
        List<String> unknown = scopes.stream().filter(s -> !known.contains(s)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scope" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; known scopes: " + String.join(", ", known));
        }
        return Set.copyOf(scopes);
    }
}
