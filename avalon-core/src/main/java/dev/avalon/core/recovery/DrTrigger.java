package dev.avalon.core.recovery;

import dev.avalon.core.audit.AuditLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why the brain was frozen or found inconsistent: the last {@code dr.triggered} or
 * {@code behaviour.inconsistent} audit entry.
 *
 * @param code    the trigger's code ({@code BEHAVIOUR_CORRUPT}, {@code HISTORY_TAMPERED} …)
 * @param message what was found, naming the file
 * @param at      when
 * @param seq     the audit entry's sequence number
 */
record DrTrigger(String code, String message, Instant at, long seq) {

    private static final Set<String> TYPES = Set.of("dr.triggered", "behaviour.inconsistent");

    /** The last trigger in {@code files}; lines that do not parse are the audit check's to report. */
    static Optional<DrTrigger> last(List<AuditFile> files) {
        DrTrigger found = null;
        for (JsonNode entry : AuditLines.entries(files)) {
            if (TYPES.contains(entry.path("type").asText(""))) {
                JsonNode data = entry.path("data");
                Instant at;
                try {
                    at = Instant.parse(entry.path("ts").asText(""));
                } catch (RuntimeException e) {
                    continue;
                }
                found = new DrTrigger(data.path("code").asText(""), data.path("message").asText(""), at,
                        entry.path("seq").asLong());
            }
        }
        return Optional.ofNullable(found);
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("code", code);
        node.put("message", message);
        node.put("at", at.toString());
        node.put("seq", seq);
        return node;
    }
}
