package dev.avalon.core.recovery;

import dev.avalon.core.audit.AuditLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainReader;
import dev.avalon.core.port.CommitInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        for (JsonNode entry : AuditLines.entries(files)) {
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
        ObjectNode node = Json.object();
        ObjectNode byType = node.putObject("counts");
        counts.forEach(byType::put);
        node.putArray("entries").addAll(entries);
        return node;
    }

    /** The audit seq a commit's {@code Avalon-Audit-Head} trailer records, 0 without one. */
    static long auditSeq(CommitInfo commit) {
        return Optional.ofNullable(commit.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER))
                .map(t -> AuditHead.parse(t).seq()).orElse(0L);
    }

    /**
     * The audit seq from which entries may be missing from the files put back. A file comes back as
     * the commit that last wrote that content left it, which may be older than the version chosen (a
     * commit of other files only), so what was entered since that commit counts, not only what came
     * after the version.
     */
    static long since(BrainReader store, Map<BrainPath, byte[]> putBack, long versionSeq) {
        long since = versionSeq;
        for (Map.Entry<BrainPath, byte[]> file : putBack.entrySet()) {
            for (CommitInfo c : store.history(file.getKey())) {
                if (store.readAt(c.sha(), file.getKey()).filter(b -> java.util.Arrays.equals(b, file.getValue()))
                        .isPresent()) {
                    since = Math.min(since, auditSeq(c));
                    break;
                }
            }
        }
        return since;
    }
}
