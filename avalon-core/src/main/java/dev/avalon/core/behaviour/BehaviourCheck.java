package dev.avalon.core.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.schema.JsonSchemas;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates behaviour.avl bytes: UTF-8, JSON, schema, SemVer {@code version}, and version metadata
 * that agrees with it. Every problem is reported.
 *
 * @param behaviour the document when valid
 * @param problems  everything wrong; empty when valid
 */
public record BehaviourCheck(Optional<Behaviour> behaviour, List<Violation> problems) {

    public static final String SCHEMA = "schema/behaviour.schema.json";

    /** Compiled once: behaviour.avl is checked before most actions. */
    private static final JsonSchemas.Compiled COMPILED = JsonSchemas.compile(JsonSchemas.resource(SCHEMA));

    public BehaviourCheck {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public static BehaviourCheck of(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return invalid(new Violation("$", "behaviour.avl is not valid UTF-8"));
        }
        JsonNode doc;
        try {
            doc = Json.parse(text);
        } catch (JsonProcessingException e) {
            return invalid(new Violation("$", "behaviour.avl is not valid JSON: " + e.getOriginalMessage()));
        }
        return of(doc);
    }

    public static BehaviourCheck of(JsonNode doc) {
        List<Violation> problems = new ArrayList<>(COMPILED.validate(doc, "$"));
        Optional<SemVer> version = doc.path("version").isTextual()
                ? SemVer.tryParse(doc.path("version").textValue()) : Optional.empty();
        if (version.isEmpty()) {
            problems.add(new Violation("$.version", "is not a SemVer 2.0.0 version"));
        } else {
            JsonNode history = doc.path("history");
            if (history.isArray() && !history.isEmpty()) {
                JsonNode last = history.get(history.size() - 1);
                if (!version.get().toString().equals(last.path("newVersion").asText())) {
                    problems.add(new Violation("$.version",
                            "does not match the last history entry's newVersion " + last.path("newVersion")));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new BehaviourCheck(Optional.empty(), problems);
        }
        return new BehaviourCheck(Optional.of(new Behaviour(doc, version.get())), List.of());
    }

    private static BehaviourCheck invalid(Violation v) {
        return new BehaviourCheck(Optional.empty(), List.of(v));
    }

    /** The document Avalon ships and writes into a new brain. */
    public static Behaviour defaults() {
        return of(JsonSchemas.load("behaviour/default-behaviour.avl")).behaviour()
                .orElseThrow(() -> new IllegalStateException("the shipped default behaviour.avl is invalid"));
    }
}
