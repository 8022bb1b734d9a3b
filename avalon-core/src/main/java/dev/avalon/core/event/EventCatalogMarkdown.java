package dev.avalon.core.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docs/EVENTS.md}, generated from the {@link EventCatalog}. */
public final class EventCatalogMarkdown {

    private EventCatalogMarkdown() {
    }

    /** The document, grouped by the first segment of the event names. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Avalon events\n\n")
                .append("Generated from `EventCatalog`; `CatalogDocTest` fails when this file and the code differ.\n\n")
                .append("Every event is published on the bus (`Avalon.events()`) after the unit of work that caused it is")
                .append(" durable, in the order the units were written. Most events are the audit records of a unit seen")
                .append(" from outside: their data is the action's result (`reminder`, `event`, `entry` …) overlaid with")
                .append(" the record's own data and `actor`. Subscribe by pattern: `*` is one segment, `**` any number")
                .append(" (`calendar.*`, `*.created`, `finance.**`, `**`). Automations use the same patterns in their")
                .append(" EVENT trigger; see AUTOMATION.md.\n\n");
        Map<String, List<EventType>> groups = new LinkedHashMap<>();
        for (EventType t : EventCatalog.all()) {
            groups.computeIfAbsent(t.name().substring(0, t.name().indexOf('.')), k -> new java.util.ArrayList<>()).add(t);
        }
        groups.forEach((group, types) -> {
            md.append("## ").append(group).append("\n\n| event | when, and its data | source |\n| --- | --- | --- |\n");
            for (EventType t : types) {
                md.append("| `").append(t.name()).append("` | ").append(t.description().replace("|", "\\|"))
                        .append(" | ").append(t.source()).append(" |\n");
            }
            md.append('\n');
        });
        return md.toString();
    }
}
