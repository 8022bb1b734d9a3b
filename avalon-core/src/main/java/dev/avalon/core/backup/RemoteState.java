package dev.avalon.core.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the push to the remote stands, as stored in {@code state/remote.json}.
 *
 * @param pushedHead     the last commit the remote accepted, null before the first push
 * @param pushedAt       when it accepted it, null before the first push
 * @param failedHead     the commit the failing attempts were for, null while pushes succeed
 * @param attempts       failed attempts in a row (0 while pushes succeed)
 * @param firstFailureAt when the current run of failures began, null while pushes succeed
 * @param nextAttemptAt  no retry of {@code failedHead} before this moment, null while pushes succeed
 * @param lastError      what the last failed attempt said, null while pushes succeed
 * @param rejected       whether the last failure was the remote refusing (non-fast-forward)
 * @param alerted        whether this run of failures has been alerted (so the user hears once)
 * @param staleAlerted   whether the user has heard that the remote is a day behind
 */
public record RemoteState(String pushedHead, Instant pushedAt, String failedHead, int attempts,
                          Instant firstFailureAt, Instant nextAttemptAt, String lastError, boolean rejected,
                          boolean alerted, boolean staleAlerted) {

    public static final BrainPath PATH = BrainPath.of("state/remote.json");
    public static final RemoteState NONE = new RemoteState(null, null, null, 0, null, null, null, false, false, false);

    /** The first retry waits this long; each further failure doubles it, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    public RemoteState {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts is not negative");
        }
    }

    /** Whether {@code head} still waits to be pushed. */
    public boolean behind(String head) {
        return !head.equals(pushedHead);
    }

    /** Whether a push of {@code head} may be tried at {@code now}: a new commit at once, a failed one after its backoff. */
    public boolean due(String head, Instant now) {
        return behind(head) && (!head.equals(failedHead) || nextAttemptAt == null || !now.isBefore(nextAttemptAt));
    }

    /** The state after the remote accepted {@code head}. */
    public RemoteState pushed(String head, Instant now) {
        return new RemoteState(head, now, null, 0, null, null, null, false, false, false);
    }

    /** The state after a failed attempt to push {@code head}. */
    public RemoteState failed(String head, boolean refused, String error, Instant now) {
        int n = attempts + 1;
        return new RemoteState(pushedHead, pushedAt, head, n, firstFailureAt == null ? now : firstFailureAt,
                now.plus(backoff(n)), error, refused, alerted, staleAlerted);
    }

    RemoteState withAlerted() {
        return new RemoteState(pushedHead, pushedAt, failedHead, attempts, firstFailureAt, nextAttemptAt, lastError,
                rejected, true, staleAlerted);
    }

    RemoteState withStaleAlerted() {
        return new RemoteState(pushedHead, pushedAt, failedHead, attempts, firstFailureAt, nextAttemptAt, lastError,
                rejected, alerted, true);
    }

    /** The wait after the {@code n}th failure in a row: one minute, doubled per failure, at most an hour. */
    static Duration backoff(int n) {
        Duration d = FIRST_BACKOFF;
        for (int i = 1; i < n && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        put(n, "pushedHead", pushedHead);
        put(n, "pushedAt", pushedAt);
        put(n, "failedHead", failedHead);
        n.put("attempts", attempts);
        put(n, "firstFailureAt", firstFailureAt);
        put(n, "nextAttemptAt", nextAttemptAt);
        put(n, "lastError", lastError);
        n.put("rejected", rejected);
        n.put("alerted", alerted);
        n.put("staleAlerted", staleAlerted);
        return n;
    }

    public static RemoteState fromJson(JsonNode n) {
        Objects.requireNonNull(n, "n");
        return new RemoteState(text(n, "pushedHead"), instant(n, "pushedAt"), text(n, "failedHead"),
                n.path("attempts").asInt(0), instant(n, "firstFailureAt"), instant(n, "nextAttemptAt"),
                text(n, "lastError"), n.path("rejected").asBoolean(false), n.path("alerted").asBoolean(false),
                n.path("staleAlerted").asBoolean(false));
    }

    private static void put(ObjectNode n, String field, Object value) {
        if (value != null) {
            n.put(field, value.toString());
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Instant instant(JsonNode n, String field) {
        return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
    }
}
