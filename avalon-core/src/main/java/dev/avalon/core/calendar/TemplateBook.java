package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every event template, as stored in {@code state/calendar/templates.json}. Immutable.
 *
 * @param templates in the order they were first saved
 */
public record TemplateBook(List<EventTemplate> templates) {

    /** Where the templates live in the brain. */
    public static final BrainPath PATH = BrainLayout.CALENDAR_TEMPLATES;

    public static final TemplateBook EMPTY = new TemplateBook(List.of());

    /** Most used first; ties by the latest use, then by name, so the order is stable. */
    public static final Comparator<EventTemplate> BY_USAGE = Comparator.comparingInt(EventTemplate::uses).reversed()
            .thenComparing(EventTemplate::lastUsedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(EventTemplate::name);

    public TemplateBook {
        templates = List.copyOf(templates);
    }

    public Optional<EventTemplate> find(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** This book with {@code template} added, or replacing the template of that name. */
    public TemplateBook put(EventTemplate template) {
        List<EventTemplate> next = new ArrayList<>(templates);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).name().equals(template.name())) {
                next.set(i, template);
                return new TemplateBook(next);
            }
        }
        next.add(template);
        return new TemplateBook(next);
    }

    /** The templates ranked by usage. */
    public List<EventTemplate> ranked() {
        return templates.stream().sorted(BY_USAGE).toList();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("templates");
        templates.forEach(t -> list.add(t.toJson()));
        return n;
    }

    public static TemplateBook fromJson(JsonNode n) {
        List<EventTemplate> templates = new ArrayList<>();
        n.path("templates").forEach(t -> templates.add(EventTemplate.fromJson(t)));
        return new TemplateBook(templates);
    }
}
