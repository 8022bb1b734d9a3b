package dev.avalon.core.base;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;

/**
 * An open object that may also come written as JSON text. A caller bound to closed schemas (a strict
 * tool call) cannot send an open object, so such fields take the same object as a string too.
 */
public final class ObjectOrText {

    private ObjectOrText() {
    }

    /**
     * {@code value} as an object: itself, or the object its text holds; an empty object when absent.
     *
     * @param path    the field's path, named in the refusal
     * @param example a small object of the kind the field takes, shown in the refusal
     * @throws Refusal VALIDATION_FAILED when the text is not JSON or not an object
     */
    public static JsonNode object(JsonNode value, String path, String example) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Json.object();
        }
        if (!value.isTextual()) {
            return value;
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(value.textValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, path + " is not JSON",
                    new Violation(path, "is not JSON text of an object, e.g. " + example));
        }
        if (!parsed.isObject()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, path + " is not an object",
                    new Violation(path, "must be an object (or its JSON text), e.g. " + example));
        }
        return parsed;
    }
}
