package dev.avalon.core.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;

import java.util.List;

/**
 * {@code alert.list} and {@code alert.ack}. Acknowledging is a RECOVERY effect: it must work while the
 * brain is frozen, because a CRITICAL alert is what freezes it and the user should be able to say they
 * saw it.
 */
public final class AlertFeature implements Feature {

    static final int DEFAULT_LIMIT = 50;

    @Override
    public String name() {
        return "alert";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("alert.list", AlertFeature::list),
                ActionDefinition.fromResource("alert.ack", AlertFeature::ack));
    }

    /** The kept alerts of {@code brain}. */
    public static AlertLog log(Brain brain) {
        return brain.readParsed(AlertLog.PATH, AlertLog.class, AlertLog::fromJson).orElse(AlertLog.EMPTY);
    }

    /** {@code alert.list}'s data; every field optional. */
    record ListData(String level, Boolean acknowledged, Integer limit, Integer offset) {
    }

    /** {@code alert.ack}'s data. */
    record AckData(String id) {
    }

    private static Outcome list(ActionContext ctx) {
        ListData data = ctx.dataAs(ListData.class);
        AlertLevel level = data.level() == null ? null : AlertLevel.valueOf(data.level());
        int limit = data.limit() == null ? DEFAULT_LIMIT : data.limit();
        int offset = data.offset() == null ? 0 : data.offset();
        List<AlertEntry> matching = log(ctx.brain()).newestFirst(level, data.acknowledged());
        ObjectNode result = Json.object();
        ArrayNode alerts = result.putArray("alerts");
        matching.stream().skip(offset).limit(limit).forEach(e -> alerts.add(e.toAnswer(ctx.zone())));
        result.put("total", matching.size());
        if (offset + limit < matching.size()) {
            result.put("nextOffset", offset + limit);
        } else {
            result.putNull("nextOffset");
        }
        return Outcome.of(result);
    }

    private static Outcome ack(ActionContext ctx) {
        String id = ctx.dataAs(AckData.class).id();
        AlertLog log = log(ctx.brain());
        AlertEntry entry = log.find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no alert " + id,
                new Violation("$.data.id", "no alert with this id")));
        ObjectNode result = Json.object();
        if (entry.acknowledged()) {
            result.set("alert", entry.toAnswer(ctx.zone()));
            result.put("changed", false);
            return Outcome.of(result);
        }
        AlertLog next = log.acknowledge(id, ctx.now(), ctx.actor());
        AlertEntry acked = next.find(id).orElseThrow();
        result.set("alert", acked.toAnswer(ctx.zone()));
        result.put("changed", true);
        ObjectNode audit = Json.object();
        audit.put("id", id);
        audit.put("level", acked.level().name());
        audit.put("code", acked.code());
        audit.put("subject", acked.subject());
        audit.put("count", acked.count());
        return Outcome.builder(result).writeJson(AlertLog.PATH, next.toJson())
                .audit(new AuditRecord("alert.acknowledged", ctx.actor(), ctx.traceId(), audit)).build();
    }
}
