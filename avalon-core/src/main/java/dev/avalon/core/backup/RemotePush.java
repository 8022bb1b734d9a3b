package dev.avalon.core.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainRemote;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.PushResult;
import dev.avalon.core.schedule.JobRun;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The push of every commit to the brain's remote. A commit is pushed by the delivery that follows the
 * unit of work that made it (so nothing leaves the process before the commit is durable); a failed
 * push is tried again after a backoff (1 minute, doubled per failure, at most an hour) by the
 * delivery after each tick and the {@code remote-push} job. A new commit is tried at once.
 *
 * <p>Alerts: a refusal by the remote (it has commits the brain does not: a non-fast-forward) is
 * IMPORTANT at once, as only the user can settle it and the push never forces; an unreachable remote
 * is IMPORTANT at the third failure in a row, and again once the remote is a day behind. A push
 * failure is never CRITICAL: CRITICAL freezes the brain, and the brain itself is sound. The first
 * success after an alert is INFO.
 */
final class RemotePush {

    /** Failed attempts in a row before an unreachable remote is alerted. */
    static final int ALERT_AFTER = 3;
    /** How far behind the remote may fall before the user hears it again. */
    static final Duration STALE_AFTER = Duration.ofHours(24);

    private RemotePush() {
    }

    static RemoteState state(ActionContext ctx) {
        return ctx.brain().readJson(RemoteState.PATH).map(RemoteState::fromJson).orElse(RemoteState.NONE);
    }

    /** Pushes HEAD when the remote is behind and a push is due; empty when there is nothing to do. */
    static Optional<Outcome> deliver(ActionContext ctx, JsonNode answer) {
        Optional<BrainRemote> remote = ctx.port(BrainRemote.class);
        Optional<CommitInfo> head = ctx.brain().store().head();
        if (remote.isEmpty() || head.isEmpty()) {
            return Optional.empty();
        }
        RemoteState state = state(ctx);
        String sha = head.get().sha();
        if (!state.due(sha, ctx.now())) {
            return Optional.empty();
        }
        PushResult result = remote.get().push();
        Outcome.Builder out = Outcome.builder(answer);
        RemoteState next;
        if (result.status() == PushResult.Status.PUSHED) {
            next = state.pushed(sha, ctx.now());
            out.audit(audit(ctx, "remote.pushed", remote.get(), sha, null));
            if (state.alerted() || state.staleAlerted()) {
                out.alert(new Alert(AlertLevel.INFO, "REMOTE_PUSH_RECOVERED", "The brain is pushed to "
                        + remote.get().location() + " again, up to commit " + sha + ".", ctx.now(),
                        Map.of("head", sha)));
            }
        } else {
            boolean refused = result.status() == PushResult.Status.REJECTED;
            next = state.failed(sha, refused, result.message(), ctx.now());
            boolean alert = !next.alerted() && (refused || next.attempts() >= ALERT_AFTER);
            if (next.attempts() == 1 || alert) {
                out.audit(audit(ctx, "remote.push_failed", remote.get(), sha, next));
            }
            if (alert) {
                next = next.withAlerted();
                out.alert(new Alert(AlertLevel.IMPORTANT, refused ? "REMOTE_PUSH_REJECTED" : "REMOTE_PUSH_FAILING",
                        refused ? "The remote " + remote.get().location() + " refused the brain's commits (it has"
                                + " commits the brain does not); nothing is forced: settle the remote by hand. "
                                + result.message()
                                : "The brain could not be pushed to " + remote.get().location() + " in "
                                + next.attempts() + " attempts; retrying with backoff. " + result.message(),
                        ctx.now(), Map.of("head", sha, "attempts", String.valueOf(next.attempts()))));
            }
            if (!next.staleAlerted() && !ctx.now().isBefore(next.firstFailureAt().plus(STALE_AFTER))) {
                next = next.withStaleAlerted();
                out.alert(new Alert(AlertLevel.IMPORTANT, "REMOTE_PUSH_STALE", "The remote "
                        + remote.get().location() + " has not taken a commit for a day; the newest commits exist"
                        + " only on this machine.", ctx.now(), Map.of("head", sha)));
            }
        }
        return Optional.of(out.writeJson(RemoteState.PATH, next.toJson()).build());
    }

    private static AuditRecord audit(ActionContext ctx, String name, BrainRemote remote, String sha,
                                     RemoteState failed) {
        ObjectNode data = Json.object();
        data.put("remote", remote.location());
        data.put("head", sha);
        if (failed != null) {
            data.put("attempts", failed.attempts());
            data.put("error", failed.lastError());
            data.put("nextAttemptAt", failed.nextAttemptAt().toString());
        }
        return new AuditRecord(name, ctx.actor(), ctx.traceId(), data);
    }

    /**
     * The remote-push job: names the push that is due, if any; the delivery that follows the job makes
     * the attempt and records what happened.
     */
    static Outcome due(ActionContext ctx, JobRun run) {
        ObjectNode result = Json.object();
        Optional<CommitInfo> head = ctx.brain().store().head();
        boolean wired = ctx.port(BrainRemote.class).isPresent();
        result.put("wired", wired);
        RemoteState state = state(ctx);
        boolean due = wired && head.isPresent() && state.due(head.get().sha(), ctx.now());
        result.put("due", due);
        result.put("attempts", state.attempts());
        return Outcome.of(result);
    }

    /** The remote's status for {@code backup.list}. */
    static ObjectNode status(ActionContext ctx) {
        ObjectNode n = Json.object();
        Optional<BrainRemote> remote = ctx.port(BrainRemote.class);
        n.put("configured", remote.isPresent());
        remote.ifPresent(r -> n.put("location", r.location()));
        RemoteState state = state(ctx);
        Optional<CommitInfo> head = ctx.brain().store().head();
        n.put("upToDate", head.isEmpty() || !state.behind(head.get().sha()));
        n.setAll(state.toJson());
        return n;
    }
}
