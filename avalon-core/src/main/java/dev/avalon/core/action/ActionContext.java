package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.Ports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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

    /** The adapter wired for {@code type}, if the host wired one. */
    public <T> java.util.Optional<T> port(Class<T> type) {
        return ports.find(type);
    }

    /** The action's {@code data}. */
    public JsonNode data() {
        return request.data();
    }

    /** Who acts, for the audit log: the envelope's actor, else the caller id. */
    public String actor() {
        String actor = request.meta().actor();
        return actor != null ? actor : caller.id();
    }
}
