package dev.avalon.core.action;

import dev.avalon.core.base.ActionError;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.question.Question;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one action: {@link Ok} or {@link Rejected}. Never {@code null}; never thrown.
 *
 * <pre>{@code
 * Avalon avalon = Avalon.builder()
 *         .brain(GitBrainStore.open(Path.of("brain")))
 *         .clock(Clock.systemUTC())
 *         .alerts(System.err::println)
 *         .build();
 * ActionResult result = avalon.dispatch("""
 *         {"action":"behaviour.get","data":{"path":"reminderEscalationRules.threshold"}}""");
 * if (result instanceof ActionResult.Ok ok) {
 *     System.out.println(ok.data() + " " + ok.ask());
 * } else if (result instanceof ActionResult.Rejected rejected) {
 *     System.err.println(rejected.code().name() + ": " + rejected.error().message());
 * }
 * }</pre>
 */
public sealed interface ActionResult permits ActionResult.Ok, ActionResult.Rejected {

    String action();

    String traceId();

    /** The wire form (SPEC §2). */
    ObjectNode toJson();

    default boolean ok() {
        return this instanceof Ok;
    }

    /** The action ran. {@code ask} holds questions for the user, {@code alerts} what they should hear. */
    record Ok(String action, String traceId, long durationMs, JsonNode data, List<Question> ask, List<Alert> alerts,
              java.time.ZoneId zone) implements ActionResult {

        /** An answer whose questions and alerts are written in UTC. */
        public Ok(String action, String traceId, long durationMs, JsonNode data, List<Question> ask, List<Alert> alerts) {
            this(action, traceId, durationMs, data, ask, alerts, java.time.ZoneOffset.UTC);
        }

        public Ok {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(traceId, "traceId");
            // engines keep instants in UTC; the answer speaks the user's zone (read back as the same instants)
            data = dev.avalon.core.time.DateTimeOutput.inZone(Objects.requireNonNull(data, "data"), zone);
            ask = List.copyOf(ask);
            alerts = List.copyOf(alerts);
        }

        @Override
        public JsonNode data() {
            return data.deepCopy();
        }

        public Ok withDuration(long ms) {
            return new Ok(action, traceId, ms, data, ask, alerts, zone);
        }

        public Ok withTraceId(String id) {
            return new Ok(action, id, durationMs, data, ask, alerts, zone);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("ok", true);
            node.put("action", action);
            node.put("traceId", traceId);
            node.put("durationMs", durationMs);
            node.set("data", data.deepCopy());
            if (!ask.isEmpty()) {
                ArrayNode questions = node.putArray("ask");
                ask.forEach(q -> questions.add(q.toAnswer(zone)));
            }
            if (!alerts.isEmpty()) {
                ArrayNode list = node.putArray("alerts");
                for (Alert alert : alerts) {
                    ObjectNode a = list.addObject();
                    a.put("level", alert.level().name());
                    a.put("code", alert.code());
                    a.put("message", alert.message());
                    a.put("at", dev.avalon.core.time.DateTimeOutput.format(alert.at(), zone));
                    a.set("details", Json.valueToTree(alert.details()));
                }
            }
            return node;
        }
    }

    /** The action was refused; nothing changed. */
    record Rejected(String action, String traceId, ActionError error) implements ActionResult {
        public Rejected {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(traceId, "traceId");
            Objects.requireNonNull(error, "error");
        }

        public ErrorCode code() {
            return error.code();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("ok", false);
            node.put("action", action);
            node.put("traceId", traceId);
            ObjectNode err = node.putObject("error");
            err.put("code", error.code().name());
            err.put("message", error.message());
            error.retryAfter().ifPresent(ms -> err.put("retryAfterMs", ms));
            ArrayNode details = err.putArray("details");
            for (Violation v : error.details()) {
                details.addObject().put("path", v.path()).put("problem", v.problem());
            }
            return node;
        }
    }
}
