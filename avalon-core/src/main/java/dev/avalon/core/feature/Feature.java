package dev.avalon.core.feature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.CommitRefusalReason;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.Ports;
import dev.avalon.core.question.Question;
import dev.avalon.core.governance.CommitPrecondition;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.schedule.ScheduledJob;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine's contribution to Avalon (the logbook, the calendar, finance …): its actions, the
 * question kinds it resolves, extra commit preconditions and scheduled jobs. Features are stateless;
 * everything they keep lives in the brain, and the ports they use come through the action context.
 *
 * <p>Avalon registers its own engines (logbook, reminders, insight, calendar, finance, notulen,
 * chatlogs, weekclose, automations) unless the host builds with
 * {@code Avalon.builder().withoutDefaultFeatures()}. An action name, resolver kind or job name
 * claimed twice fails {@code build()}.
 */
public interface Feature {

    /** A short name for logs and errors, e.g. {@code logbook}. */
    String name();

    /** The actions this feature adds to the catalogue. */
    List<ActionDefinition> actions();

    /** Resolvers for the question kinds this feature asks. */
    default Map<QuestionKind, QuestionResolver> resolvers() {
        return Map.of();
    }

    /**
     * The question kinds this feature asks, beyond core's own; a kind registered by two features fails
     * {@code build()}. A kind must be registered to have a resolver.
     */
    default List<QuestionKind> questionKinds() {
        return List.of();
    }

    /** The error codes this feature's refusals carry beyond core's own; registered once, like kinds. */
    default List<ErrorCode> errorCodes() {
        return List.of();
    }

    /** The reasons this feature's commit preconditions give beyond core's own; registered once, like kinds. */
    default List<CommitRefusalReason> refusalReasons() {
        return List.of();
    }

    /** Extra conditions every commit must meet (e.g. no invite pending). */
    default List<CommitPrecondition> commitPreconditions() {
        return List.of();
    }

    /** Jobs the scheduler runs for this feature. */
    default List<ScheduledJob> jobs() {
        return List.of();
    }

    /**
     * Called after every verified commit made on a COMMIT_CONSENT JA, with that consent. A feature
     * whose workflow asked the consent (see {@code context.workflow} in the question's data) answers
     * with what follows (e.g. unfreeze, mark the week closed); every other feature returns empty.
     */
    default Optional<Outcome> afterCommit(ActionContext context, Question consent, CommitInfo commit) {
        return Optional.empty();
    }

    /**
     * What freezes behaviour patches now, if this feature does (e.g. {@code weekclose 2026-W47} while
     * that week is being closed); governance refuses every proposal while any feature names one.
     */
    default Optional<String> behaviourFreeze(Brain brain) {
        return Optional.empty();
    }

    /**
     * Carries out what this feature's outcomes queued for the world outside the process (invites to
     * mail …), now that those outcomes are durable, and answers with the outcome that records what
     * happened; empty when nothing is due. The kernel calls it after every changing action, after every
     * scheduled job and when a brain is opened, so a crash between a unit of work and its delivery
     * delivers on the next start (at least once: a crash after a delivery and before its record
     * delivers it again under the same key).
     *
     * @param answer the answer of the action so far; the outcome's result replaces it, so return it
     *               with what the delivery changed (e.g. an invite's status), or unchanged
     */
    default Optional<Outcome> deliver(ActionContext context, JsonNode answer) {
        return Optional.empty();
    }

    /**
     * Validators for the files this feature keeps, by path prefix (e.g. {@code finance/}), added to
     * the brain validation that {@code system.validate} runs. {@code brain} lets a validator read
     * related files (a sheet is checked against its ledger); {@code ports} are the host's adapters.
     */
    default Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of();
    }

    /**
     * The bytes of a derived file this feature writes (a weekly sheet …) rebuilt from its sources, as
     * this feature would write it now for the same sources; KEEP_AND_REPAIR prefers them to an older
     * copy from history. {@code context.brain()} is the brain the sources are read from: during a
     * repair, the working tree with the files already put back from history (a repaired ledger …).
     * Empty when this feature does not own {@code path} or cannot rebuild it now (no renderer wired,
     * its sources missing or broken too, the rebuilt file not reading back as written).
     */
    default Optional<byte[]> rederive(ActionContext context, BrainPath path) {
        return Optional.empty();
    }

    /**
     * After a SAFE_RESTORE put {@code path} back as an older version holds it ({@code restored}): the file
     * with what the audit log recorded entering into it since ({@code enteredSince}, the audit entries
     * after that version, in order) entered again, so nothing acknowledged is lost (a ledger gets back the
     * movements registered after the version). {@code context.brain()} is the restored brain. Empty when
     * this feature does not own {@code path}, nothing of it was entered since, or the replayed file would
     * not validate; what was entered since is listed either way.
     */
    default Optional<byte[]> replay(ActionContext context, BrainPath path, byte[] restored, List<JsonNode> enteredSince) {
        return Optional.empty();
    }

    /**
     * The next step of a workflow this feature keeps in the brain, if one can run now; empty when
     * there is nothing to do. After every changing action and on every tick the kernel asks each
     * feature in turn and applies each step as its own unit of work, until none has a step left, so
     * a workflow proceeds one durable step at a time and a host that stopped between two steps
     * continues where it was. A step must make progress (change what the next call sees).
     */
    default Optional<Outcome> advance(ActionContext context) {
        return Optional.empty();
    }

    /**
     * What this feature does when another unit's {@code event} is durable (e.g. queue the commands a
     * calendar event's description holds), as a unit of work of its own; empty when the event means
     * nothing to it. The kernel hands every published event to every feature after the action or tick
     * that published it, before automations run. A feature must not answer its own events with more of
     * the same, or the chain never ends (the kernel stops it at a cap).
     */
    default Optional<Outcome> onEvent(ActionContext context, DomainEvent event) {
        return Optional.empty();
    }
}
