package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.util.Objects;

/**
 * One thing a check found wrong with the brain.
 *
 * @param check   which check found it: {@code behaviour}, {@code audit}, {@code evidence} or {@code validation}
 * @param where   the file (with a line or a JSON path where known) or the commit it concerns
 * @param problem what is wrong, in a sentence
 */
public record Finding(String check, String where, String problem) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(problem, "problem");
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("check", check);
        node.put("path", where);
        node.put("problem", problem);
        return node;
    }

    @Override
    public String toString() {
        return where + ": " + problem;
    }
}
