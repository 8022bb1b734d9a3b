package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.question.Question;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency records ({@code state/idempotency/<id>.json}): the answer to a request sent with
 * {@code meta.idempotencyKey}, by caller and key. The record is written in the action's own unit of
 * work, so a crash can neither lose it nor let a replay carry the action out twice; when workflow
 * steps or deliveries add to the answer after that unit, the record is brought up to date in a unit
 * of its own.
 */
final class Receipts {

    /** A stored answer and the hash of the request it answered. */
    record Stored(String requestHash, ActionResult.Ok answer) {
    }

    private final Brain brain;
    private final java.time.ZoneId zone;
    private final Map<String, Stored> cache = new HashMap<>();

    Receipts(Brain brain, java.time.ZoneId zone) {
        this.zone = zone;
        this.brain = brain;
    }

    /** The hash that tells a replay from another request under the same key. */
    static String requestHash(ActionRequest request) {
        ObjectNode fingerprint = Json.object();
        fingerprint.put("action", request.action());
        fingerprint.set("data", request.data());
        return CanonicalJson.sha256(fingerprint);
    }

    Optional<Stored> find(Caller caller, String key) {
        String id = id(caller, key);
        Stored known = cache.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        return brain.readJson(path(id)).map(n -> {
            JsonNode r = n.get("response");
            List<Question> asked = new ArrayList<>();
            r.path("ask").forEach(q -> asked.add(Question.fromJson(q)));
            Stored s = new Stored(n.get("requestHash").textValue(), new ActionResult.Ok(r.get("action").textValue(),
                    r.get("traceId").textValue(), r.get("durationMs").longValue(), r.get("data"), asked, List.of(),
                    zone));
            cache.put(id, s);
            return s;
        });
    }

    /**
     * The record of {@code answer}, to write in the unit of work that produced it; {@link #written}
     * once that write is durable.
     */
    FileChange record(Caller caller, String key, String requestHash, ActionResult.Ok answer, Instant now) {
        String id = id(caller, key);
        ObjectNode record = Json.object();
        record.put("caller", caller.id());
        record.put("key", key);
        record.put("requestHash", requestHash);
        record.put("storedAt", now.toString());
        record.set("response", answer.toJson());
        return FileChange.put(path(id), Json.pretty(record));
    }

    /** Remembers a record that is durable now, so a replay need not read it back. */
    void written(Caller caller, String key, String requestHash, ActionResult.Ok answer) {
        cache.put(id(caller, key), new Stored(requestHash, answer));
    }

    private static BrainPath path(String id) {
        return BrainPath.of(BrainLayout.IDEMPOTENCY_FOLDER + "/" + id + ".json");
    }

    private static String id(Caller caller, String key) {
        return CanonicalJson.sha256Hex((caller.id() + "\u0000" + key).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32);
    }
}
