package dev.avalon.core.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.io.UncheckedIOException;

/** Small helpers for the governance examples. */
final class Docs {

    private Docs() {
    }

    /** JSON from text where single quotes stand for double quotes, to keep examples readable. */
    static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the shipped behaviour.avl. */
    static ObjectNode behaviour() {
        return GovernanceArbitraries.defaultBehaviour();
    }

    /** A patch from its wire form, single quotes for double. */
    static Patch patch(String wire) {
        return Patch.fromJson(json(wire));
    }
}
