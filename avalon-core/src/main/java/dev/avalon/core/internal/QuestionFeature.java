package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionBook;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.JobTiming;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code question.list} and {@code question.answer}: an answer goes to the resolver its question's
 * kind is registered with (by a feature or the host), and is audited before whatever it causes.
 */
final class QuestionFeature implements Feature {

    private final Map<QuestionKind, QuestionResolver> resolvers = new HashMap<>();

    @Override
    public String name() {
        return "question";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("question.list", QuestionFeature::list),
                ActionDefinition.fromResource("question.answer", this::answer));
    }

    /** The job that carries out what each question's expiry does. */
    static final String EXPIRY_JOB = "question-expiry";

    /**
     * The expiry job. The kernel schedules it after every feature's jobs, so that in a tick the
     * engines' own jobs (the invite retry, the weekclose) run first and an expiry acts on what they left.
     */
    ScheduledJob expiryJob() {
        return new ScheduledJob(EXPIRY_JOB, JobTiming.fixed(new Schedule.Every(Duration.ofMinutes(15))),
                this::expireDue);
    }

    /**
     * Closes every open question past its expiry through its kind's {@link QuestionResolver#expire}.
     * Expiries that only close their question are all done in one run; one that moves a flow on (writes
     * files, asks the next question) ends the run, so the next run reads the state it left.
     */
    private Outcome expireDue(ActionContext ctx, JobRun run) {
        List<Question> due = ctx.brain().questions().all().stream()
                .filter(q -> q.status() == QuestionStatus.OPEN && !ctx.now().isBefore(q.expiresAt()))
                .sorted(java.util.Comparator.comparing(Question::expiresAt).thenComparing(Question::id))
                .toList();
        Outcome.Builder out = Outcome.builder();
        ObjectNode result = Json.object();
        ArrayNode expired = result.putArray("expired");
        QuestionResolver fallback = (c, q, a) -> {
            throw new IllegalStateException("only expire is used");
        };
        for (Question q : due) {
            Outcome expiry = resolvers.getOrDefault(q.kind(), fallback).expire(ctx, q);
            ObjectNode data = Json.object();
            data.put("questionId", q.id());
            data.put("kind", q.kind().name());
            data.put("expiresAt", q.expiresAt().toString());
            out.audit(new AuditRecord("question.expired", ctx.actor(), ctx.traceId(), data));
            out.merge(expiry);
            expired.add(q.id());
            if (!expiry.writes().isEmpty() || !expiry.ask().isEmpty() || expiry.commit().isPresent()) {
                break;
            }
        }
        return out.result(result).build();
    }

    /** The kinds that have a resolver. */
    java.util.Set<QuestionKind> resolvedKinds() {
        return java.util.Set.copyOf(resolvers.keySet());
    }

    /** Registers the resolver of {@code kind}; a kind has one. */
    void register(QuestionKind kind, QuestionResolver resolver) {
        if (resolvers.putIfAbsent(kind, resolver) != null) {
            throw new IllegalArgumentException("a resolver for " + kind + " is already registered");
        }
    }

    private static Outcome list(ActionContext ctx) {
        boolean all = "all".equals(ctx.dataAs(ListData.class).status());
        QuestionBook book = ctx.brain().questions();
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("questions");
        for (Question q : all ? book.all() : book.open(ctx.now())) {
            list.add(q.toAnswerAt(ctx.now(), ctx.zone()));
        }
        return Outcome.of(result);
    }

    /** {@code question.answer}'s data. */
    record AnswerData(String id, String answer) {
    }

    /** {@code question.list}'s data; {@code status} is {@code open} (the default) or {@code all}. */
    record ListData(String status) {
    }

    private Outcome answer(ActionContext ctx) {
        AnswerData data = ctx.dataAs(AnswerData.class);
        String id = data.id();
        String answer = data.answer().trim().toUpperCase(Locale.ROOT);
        Question q = ctx.brain().questions().find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no question " + id, new Violation("$.data.id", "no question with this id")));
        QuestionStatus status = q.statusAt(ctx.now());
        if (status == QuestionStatus.EXPIRED) {
            throw new Refusal(ErrorCode.QUESTION_EXPIRED, "question " + id + " expired at " + q.expiresAt(),
                    new Violation("$.data.id", "expired at " + q.expiresAt()));
        }
        if (status != QuestionStatus.OPEN) {
            throw new Refusal(ErrorCode.QUESTION_CLOSED, "question " + id + " is " + status,
                    new Violation("$.data.id", "is " + status + (q.answer() != null ? " (" + q.answer() + ")" : "")));
        }
        if (!q.options().contains(answer)) {
            throw new Refusal(ErrorCode.INVALID_ANSWER, "not an option of question " + id,
                    new Violation("$.data.answer", "must be one of " + q.options()));
        }
        QuestionResolver resolver = resolvers.get(q.kind());
        if (resolver == null) {
            throw new Refusal(ErrorCode.INTERNAL_ERROR, "no resolver for " + q.kind(),
                    new Violation("$.data.id", q.kind() + " cannot be answered in this host"));
        }
        Outcome outcome = resolver.resolve(ctx, q, answer);
        if (outcome.refusal().isPresent()) {
            return outcome;
        }
        ObjectNode answered = Json.object();
        answered.put("questionId", id);
        answered.put("kind", q.kind().name());
        answered.put("answer", answer);
        // the answer is audited before whatever it causes
        List<AuditRecord> records = new ArrayList<>();
        records.add(new AuditRecord("question.answered", ctx.actor(), ctx.traceId(), answered));
        records.addAll(outcome.audit());
        return new Outcome(withAnswer(outcome.result(), id, answer), outcome.writes(), records, outcome.events(),
                outcome.ask(), outcome.closed(), outcome.alerts(),
                outcome.commit().map(plan -> plan.withThen(info -> {
                    Outcome follow = plan.then().apply(info);
                    return Outcome.builder(withAnswer(follow.result(), id, answer)).merge(follow).build();
                })), outcome.state(), Optional.empty(), outcome.reported());
    }

    private static JsonNode withAnswer(JsonNode result, String id, String answer) {
        ObjectNode r = result.isObject() ? (ObjectNode) result.deepCopy() : Json.object();
        r.put("questionId", id);
        r.put("answer", answer);
        return r;
    }
}
