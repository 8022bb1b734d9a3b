package dev.avalon.core.behaviour;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed reads of the rules engines share (domains, local times) from a behaviour document. A rule
 * that is absent or malformed yields the documented fallback, never an exception, because the
 * schedule must keep running on a document that an older version wrote.
 */
public final class BehaviourRules {

    private BehaviourRules() {
    }

    /** The names of {@code domains}, in document order. */
    public static List<String> domains(JsonNode behaviour) {
        List<String> names = new ArrayList<>();
        behaviour.path("domains").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The colour of {@code domain}, if the domain exists. */
    public static Optional<String> colour(JsonNode behaviour, String domain) {
        JsonNode d = behaviour.path("domains").path(domain);
        return d.path("colour").isTextual() ? Optional.of(d.path("colour").textValue()) : Optional.empty();
    }

    /** The {@code HH:mm} time at {@code dotPath}, or {@code fallback} when absent or malformed. */
    public static LocalTime localTime(JsonNode behaviour, String dotPath, LocalTime fallback) {
        Objects.requireNonNull(fallback, "fallback");
        JsonNode node = behaviour;
        for (String segment : dotPath.split("\\.")) {
            node = node.path(segment);
        }
        if (!node.isTextual()) {
            return fallback;
        }
        try {
            return LocalTime.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
