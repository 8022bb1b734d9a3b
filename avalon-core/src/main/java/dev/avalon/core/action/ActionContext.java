package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.CommitConsent;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.question.Question;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.Ports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler may look at while it decides.
 *
 * @param request the validated request
 * @param caller  who is calling
 * @param traceId the request's trace id
 * @param now     the moment the action is handled (from the injected clock)
 * @param clock   the injected clock
 * @param zone    the user's time zone
 * @param brain   typed reads of the brain
 * @param ids     id source
 * @param ports   the optional ports the host wired (sheets, invites, mail, remote calendar …)
 * @param questionTtl how long a question asked now stays answerable
 */
public record ActionContext(ActionRequest request, Caller caller, String traceId, Instant now, Clock clock,
                            ZoneId zone, Brain brain, IdSource ids, Ports ports, java.time.Duration questionTtl) {
    public ActionContext {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(brain, "brain");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(questionTtl, "questionTtl");
    }

    /** This context reading {@code other} instead (a tree as a recovery step will leave it, say). */
    public ActionContext reading(Brain other) {
        return new ActionContext(request, caller, traceId, now, clock, zone, other, ids, ports, questionTtl);
    }

    /** The adapter wired for {@code type}, if the host wired one. */
    public <T> java.util.Optional<T> port(Class<T> type) {
        return ports.find(type);
    }

    /**
     * The action's {@code data} bound to a record of the handler's own, e.g.
     * {@code record Answer(String id, String answer) {}} → {@code ctx.dataAs(Answer.class)}. The data
     * has passed the action's schema, so the binding reads fields by type, not by name; an absent field
     * is {@code null} (or the primitive's default).
     *
     * @throws IllegalStateException when the record does not fit the schema-validated data (a bug in
     *                               the handler, not in the request)
     */
    public <T extends Record> T dataAs(Class<T> type) {
        try {
            // a record names the fields its handler reads; the others stay where the schema allowed them
            return dev.avalon.core.json.Json.mapper().readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(request.data());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the data of " + request.action() + " does not bind to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The action's {@code data}. */
    public JsonNode data() {
        return request.data();
    }

    /** The current behaviour document, or a BEHAVIOUR_INCONSISTENT refusal when it does not validate. */
    public JsonNode behaviourDocument() {
        return brain.behaviour().behaviour().map(Behaviour::document)
                .orElseThrow(() -> new Refusal(ErrorCode.BEHAVIOUR_INCONSISTENT, "behaviour.avl is invalid",
                        new Violation("$", "behaviour.avl does not validate")));
    }

    /**
     * A COMMIT_CONSENT question for {@code contents} as they will be after this action's writes.
     *
     * @param contents the exact bytes of each file to commit
     * @param purpose  one line, becomes the commit subject (e.g. {@code weekclose 2026-W47})
     * @param context  free data for the follow-up, e.g. {@code {"workflow":"weekclose","week":"2026-W47"}}
     */
    public Question askConsent(Map<BrainPath, byte[]> contents, String purpose, JsonNode context) {
        Map<BrainPath, String> hashes = new LinkedHashMap<>();
        contents.forEach((path, bytes) -> hashes.put(path, CanonicalJson.sha256Hex(bytes)));
        return CommitConsent.question(ids.next("Q"), now, now.plus(questionTtl), hashes, purpose, context);
    }

    /** Who acts, for the audit log: the envelope's actor, else the caller id. */
    public String actor() {
        String actor = request.meta().actor();
        return actor != null ? actor : caller.id();
    }
}
