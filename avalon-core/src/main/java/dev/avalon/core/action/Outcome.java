package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.question.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a handler decided, as data: the result to answer with and the changes to make. Handlers
 * are pure; the unit of work applies an outcome atomically (all files or none) and only then answers.
 *
 * @param result    the response's {@code data}
 * @param writes    file changes in the working tree
 * @param audit     audit records to chain and append
 * @param events    domain events to publish after the writes are durable
 * @param ask       new questions to store and return in {@code ask}
 * @param closed    questions whose status changed (answered, superseded …)
 * @param alerts    alerts to raise
 * @param commit    a commit to make after the writes, if any
 * @param state     a governance state change, if any
 * @param refusal   the refusal a handler answers with instead of throwing one, if it refuses: then
 *                  nothing else of the outcome counts and nothing is changed
 * @param reported  questions and alerts that units of work of their own already stored and raised,
 *                  listed in the answer only
 */
public record Outcome(JsonNode result, List<FileChange> writes, List<AuditRecord> audit, List<DomainEvent> events,
                      List<Question> ask, List<Question> closed, List<Alert> alerts, Optional<CommitPlan> commit,
                      Optional<StateChange> state, Optional<ActionError> refusal, Reported reported) {

    public Outcome {
        result = Objects.requireNonNull(result, "result").deepCopy();
        writes = List.copyOf(writes);
        audit = List.copyOf(audit);
        events = List.copyOf(events);
        ask = List.copyOf(ask);
        closed = List.copyOf(closed);
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(reported, "reported");
    }

    /**
     * A refusal as a result: the same answer as throwing {@link dev.avalon.core.base.Refusal}, for the
     * refusals a handler expects often (a stale patch), where an exception costs more than the check.
     */
    public static Outcome refused(ActionError error) {
        Objects.requireNonNull(error, "error");
        return new Outcome(Json.object(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.of(error), Reported.NONE);
    }

    /** A read-only outcome. */
    public static Outcome of(JsonNode result) {
        return builder(result).build();
    }

    public static Builder builder(JsonNode result) {
        return new Builder(result);
    }

    public static Builder builder() {
        return new Builder(Json.object());
    }

    public boolean changesNothing() {
        return writes.isEmpty() && audit.isEmpty() && ask.isEmpty() && closed.isEmpty() && commit.isEmpty()
                && state.isEmpty() && refusal.isEmpty();
    }

    /**
     * A governance state change.
     *
     * @param to     the new state
     * @param reason why, recorded in the brain and the audit log
     */
    public record StateChange(GovernanceState to, String reason) {
        public StateChange {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Collects an outcome; order of calls is kept. */
    public static final class Builder {
        private JsonNode result;
        private final List<FileChange> writes = new ArrayList<>();
        private final List<AuditRecord> audit = new ArrayList<>();
        private final List<DomainEvent> events = new ArrayList<>();
        private final List<Question> ask = new ArrayList<>();
        private final List<Question> closed = new ArrayList<>();
        private final List<Alert> alerts = new ArrayList<>();
        private CommitPlan commit;
        private StateChange state;
        private Reported reported = Reported.NONE;

        private Builder(JsonNode result) {
            this.result = result;
        }

        public Builder result(JsonNode value) {
            this.result = value;
            return this;
        }

        public Builder write(BrainPath path, byte[] content) {
            writes.add(FileChange.put(path, content));
            return this;
        }

        public Builder writeJson(BrainPath path, JsonNode content) {
            return write(path, Json.pretty(content));
        }

        public Builder change(FileChange change) {
            writes.add(change);
            return this;
        }

        public Builder audit(AuditRecord record) {
            audit.add(record);
            return this;
        }

        public Builder event(DomainEvent event) {
            events.add(event);
            return this;
        }

        public Builder ask(Question question) {
            ask.add(question);
            return this;
        }

        public Builder close(Question question) {
            closed.add(question);
            return this;
        }

        public Builder alert(Alert alert) {
            alerts.add(alert);
            return this;
        }

        /** Lists questions and alerts already stored and raised elsewhere in the answer. */
        public Builder report(Reported value) {
            this.reported = reported.plus(value);
            return this;
        }

        public Builder commit(CommitPlan plan) {
            this.commit = plan;
            return this;
        }

        public Builder state(GovernanceState to, String reason) {
            this.state = new StateChange(to, reason);
            return this;
        }

        /** Adds everything of {@code other} except its result. */
        public Builder merge(Outcome other) {
            writes.addAll(other.writes());
            audit.addAll(other.audit());
            events.addAll(other.events());
            ask.addAll(other.ask());
            closed.addAll(other.closed());
            alerts.addAll(other.alerts());
            other.commit().ifPresent(c -> this.commit = c);
            other.state().ifPresent(s -> this.state = s);
            this.reported = reported.plus(other.reported());
            return this;
        }

        public Outcome build() {
            return new Outcome(result, writes, audit, events, ask, closed, alerts, Optional.ofNullable(commit),
                    Optional.ofNullable(state), Optional.empty(), reported);
        }
    }
}
