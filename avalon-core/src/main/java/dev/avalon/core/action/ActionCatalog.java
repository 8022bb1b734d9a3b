package dev.avalon.core.action;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registered actions, by name. A duplicate name is an error when the catalogue is built, never
 * a silent override.
 */
public final class ActionCatalog {

    private final Map<String, ActionDefinition> byName;

    public ActionCatalog(List<ActionDefinition> definitions) {
        Map<String, ActionDefinition> map = new LinkedHashMap<>();
        for (ActionDefinition d : definitions) {
            if (map.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("action registered twice: " + d.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public Optional<ActionDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ActionDefinition> all() {
        return byName.values();
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
