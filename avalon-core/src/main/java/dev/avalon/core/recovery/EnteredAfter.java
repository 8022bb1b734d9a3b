package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What was entered after a version: the audit entries after its audit head, by kind. */
final class EnteredAfter {

    private EnteredAfter() {
    }

    /**
     * What was entered after a version: the audit entries after its audit head, counted by
     * kind, and the first hundred of them.
     */
    static ObjectNode of(List<AuditFile> files, long afterSeq) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<JsonNode> entries = new ArrayList<>();
        List<AuditFile> sorted = new ArrayList<>(files);
        sorted.sort(java.util.Comparator.comparing(AuditFile::path));
        for (AuditFile file : sorted) {
            for (String line : new String(file.content(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode entry;
                try {
                    entry = Json.parse(line);
                } catch (Exception e) {
                    continue;
                }
                if (entry.path("seq").asLong() <= afterSeq) {
                    continue;
                }
                String type = entry.path("type").asText("");
                counts.merge(type, 1, Integer::sum);
                if (entries.size() < 100) {
                    ObjectNode e = Json.object();
                    e.put("seq", entry.path("seq").asLong());
                    e.put("ts", entry.path("ts").asText());
                    e.put("type", type);
                    entries.add(e);
                }
            }
        }
        ObjectNode node = Json.object();
        ObjectNode byType = node.putObject("counts");
        counts.forEach(byType::put);
        node.putArray("entries").addAll(entries);
        return node;
    }
}
