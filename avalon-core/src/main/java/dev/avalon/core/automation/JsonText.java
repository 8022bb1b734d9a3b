package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ObjectOrText;

/**
 * An object that may also come written as JSON text. A caller bound to closed schemas (a strict tool
 * call) cannot send an open object such as the data an automation passes to an action, so those fields
 * take the same object as a string too.
 */
final class JsonText {

    private JsonText() {
    }

    /** {@code value} as an object: itself, or the object its text holds; empty when absent. */
    static JsonNode object(JsonNode value, String path) {
        return ObjectOrText.object(value, path, "{\"title\":\"Stand-up\"}");
    }

    /**
     * {@code automation} with the data of each action and workflow step as an object, however it came,
     * so what is stored and run is the same whichever form the caller used.
     */
    static JsonNode automation(JsonNode automation, String path) {
        if (automation == null || !automation.isObject()) {
            return automation;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = automation.deepCopy();
        JsonNode actions = copy.path("actions");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode a = actions.get(i);
            if (a.isObject() && a.has("data")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) a).set("data",
                        object(a.get("data"), path + ".actions[" + i + "].data"));
            }
            JsonNode steps = a.path("steps");
            for (int j = 0; j < steps.size(); j++) {
                JsonNode st = steps.get(j);
                if (st.isObject() && st.has("data")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) st).set("data",
                            object(st.get("data"), path + ".actions[" + i + "].steps[" + j + "].data"));
                }
            }
        }
        return copy;
    }
}
