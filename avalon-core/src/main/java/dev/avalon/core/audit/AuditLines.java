package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The audit log's entries in the order written, as JSON, for reading what happened (recovery, rebuilding
 * working state from what was audited). A line that does not parse is left out: reporting it is the
 * audit check's job ({@link AuditVerifier}), and a reader must still read the rest of a damaged log.
 */
public final class AuditLines {

    private AuditLines() {
    }

    public static List<JsonNode> entries(List<AuditFile> files) {
        List<AuditFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(AuditFile::path));
        List<JsonNode> entries = new ArrayList<>();
        for (AuditFile file : sorted) {
            for (String line : new String(file.content(), StandardCharsets.UTF_8).split("\n")) {
                try {
                    JsonNode entry = Json.parse(line);
                    if (entry.isObject()) {
                        entries.add(entry);
                    }
                } catch (Exception e) {
                    // a damaged line: the audit check names it
                }
            }
        }
        return entries;
    }
}
