package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.question.Question;

import java.util.List;
import java.util.Objects;

/**
 * What one job run did.
 *
 * @param run    the run (job, slot, late)
 * @param ok     false when the job failed; its slot is then recorded as failed and not retried
 * @param result the job's result data (for a failure: {@code {"error": …}})
 * @param asked  questions the run asked
 * @param alerts alerts the run raised
 */
public record JobReport(JobRun run, boolean ok, JsonNode result, List<Question> asked, List<Alert> alerts) {
    public JobReport {
        Objects.requireNonNull(run, "run");
        result = Objects.requireNonNull(result, "result").deepCopy();
        asked = List.copyOf(asked);
        alerts = List.copyOf(alerts);
    }

    @Override
    public JsonNode result() {
        return result.deepCopy();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("job", run.job());
        n.put("slot", run.slot().toString());
        n.put("late", run.late());
        n.put("ok", ok);
        n.set("result", result.deepCopy());
        ArrayNode a = n.putArray("ask");
        asked.forEach(q -> a.add(q.toJson()));
        ArrayNode al = n.putArray("alerts");
        for (Alert alert : alerts) {
            ObjectNode x = al.addObject();
            x.put("level", alert.level().name());
            x.put("code", alert.code());
            x.put("message", alert.message());
            x.set("details", Json.valueToTree(new java.util.TreeMap<>(alert.details())));
        }
        return n;
    }
}
