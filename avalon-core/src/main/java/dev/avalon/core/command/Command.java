package dev.avalon.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeOutput;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One command in the queue.
 *
 * @param id             its id ({@code CMD-…})
 * @param idempotencyKey sha-256 of its source and canonical line: the same line from the same source is one command
 * @param system         the system that carries it out
 * @param action         what that system does
 * @param params         the typed parameters the whitelist accepted
 * @param line           the canonical line ({@link CommandLine#render()})
 * @param source         where it came from: {@code reply}, {@code api}, {@code minutes:<path>},
 *                       {@code calendar:<event id>}, {@code followUp:<command id>}
 * @param state          where it is
 * @param attempts       how many polls have delivered it
 * @param leaseUntil     while PROCESSING: when the lease runs out; {@code null} otherwise
 * @param result         what the system answered on completion; {@code null} until then
 * @param error          why it failed (or why the last attempt did); {@code null} when nothing failed
 * @param createdAt      when it was queued
 * @param updatedAt      when it last moved
 * @param followUpOf     the command whose completion created it; {@code null} for the others
 */
public record Command(String id, String idempotencyKey, String system, String action, JsonNode params, String line,
                      String source, CommandState state, int attempts, Instant leaseUntil, JsonNode result,
                      String error, Instant createdAt, Instant updatedAt, String followUpOf) {

    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        params = params.deepCopy();
        result = result == null ? null : result.deepCopy();
        if ((state == CommandState.PROCESSING) != (leaseUntil != null)) {
            throw new IllegalArgumentException("a lease exactly while PROCESSING: " + id);
        }
    }

    /** This command moved to {@code next} at {@code at}; an illegal move is a programming error. */
    Command moved(CommandState next, Instant leaseUntil, int attempts, JsonNode result, String error, Instant at) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("command " + id + " cannot move from " + state + " to " + next);
        }
        return new Command(id, idempotencyKey, system, action, params, line, source, next, attempts, leaseUntil,
                result, error, createdAt, at, followUpOf);
    }

    /** Whether its lease ran out before {@code now}. */
    public boolean leaseExpired(Instant now) {
        return state == CommandState.PROCESSING && !leaseUntil.isAfter(now);
    }

    /** As kept in {@code state/commands.json}: instants in UTC. */
    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("idempotencyKey", idempotencyKey);
        n.put("system", system);
        n.put("action", action);
        n.set("params", params.deepCopy());
        n.put("line", line);
        n.put("source", source);
        n.put("state", state.name());
        n.put("attempts", attempts);
        putInstant(n, "leaseUntil", leaseUntil);
        n.set("result", result == null ? Json.nodes().nullNode() : result.deepCopy());
        n.put("error", error);
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        n.put("followUpOf", followUpOf);
        return n;
    }

    private static void putInstant(ObjectNode n, String field, Instant at) {
        if (at == null) {
            n.putNull(field);
        } else {
            n.put(field, at.toString());
        }
    }

    static Command fromJson(JsonNode n) {
        return new Command(n.path("id").asText(), n.path("idempotencyKey").asText(), n.path("system").asText(),
                n.path("action").asText(), n.path("params").isObject() ? n.get("params") : Json.object(),
                n.path("line").asText(), n.path("source").asText(), CommandState.valueOf(n.path("state").asText()),
                n.path("attempts").asInt(), instant(n.path("leaseUntil")),
                n.path("result").isNull() || n.path("result").isMissingNode() ? null : n.get("result"),
                n.path("error").isTextual() ? n.get("error").textValue() : null,
                Instant.parse(n.path("createdAt").asText()), Instant.parse(n.path("updatedAt").asText()),
                n.path("followUpOf").isTextual() ? n.get("followUpOf").textValue() : null);
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Instant.parse(n.textValue()) : null;
    }

    /** As answered to a caller: every field present, instants with the user's offset. */
    public ObjectNode toAnswer(ZoneId zone) {
        ObjectNode n = toJson();
        n.put("leaseUntil", leaseUntil == null ? null : DateTimeOutput.format(leaseUntil, zone));
        n.put("createdAt", DateTimeOutput.format(createdAt, zone));
        n.put("updatedAt", DateTimeOutput.format(updatedAt, zone));
        return n;
    }
}
