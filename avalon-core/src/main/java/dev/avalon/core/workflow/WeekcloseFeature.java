package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourRules;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.governance.CommitConsent;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.governance.PatchApplication;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.insight.InsightFeature;
import dev.avalon.core.insight.Proposals;
import dev.avalon.core.insight.WeekMetrics;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.logbook.LogbookJournal;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.time.IsoWeek;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weekclose workflow (seed 04 §2.1, §5.2) as a feature: the actions {@code weekclose.start},
 * {@code weekclose.status} and {@code weekclose.cancel}, the WEEKCLOSE_PROPOSAL resolver, the
 * {@code weekclose} job (behaviour.avl {@code weekclose.dayOfWeek}/{@code time}, default Monday
 * 08:00), one {@linkplain #advance step} per unit of work, and the close on the verified commit.
 * States and answers are described in {@code docs/weekclose.md}.
 */
public final class WeekcloseFeature implements Feature {

    /** The scheduled job's name. */
    public static final String JOB = "weekclose";

    @Override
    public String name() {
        return "weekclose";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("weekclose.start", WeekcloseFeature::startAction),
                ActionDefinition.fromResource("weekclose.status", WeekcloseFeature::statusAction),
                ActionDefinition.fromResource("weekclose.cancel", WeekcloseFeature::cancelAction));
    }

    @Override
    public Map<QuestionKind, QuestionResolver> resolvers() {
        return Map.of(QuestionKind.WEEKCLOSE_PROPOSAL, WeekcloseFeature::answer);
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(JOB, WeekcloseFeature::schedule, WeekcloseFeature::scheduled));
    }

    static Schedule schedule(JsonNode behaviour) {
        DayOfWeek day = DayOfWeek.MONDAY;
        String text = behaviour.path("weekclose").path("dayOfWeek").asText("");
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(text)) {
                day = d;
            }
        }
        return new Schedule.Weekly(day, BehaviourRules.localTime(behaviour, "weekclose.time", LocalTime.of(8, 0)));
    }

    /** The week whose behaviour updates are frozen by an open weekclose, if any. */
    public static Optional<IsoWeek> frozenBy(Brain brain) {
        return Weekclose.open(brain).map(Weekclose::week);
    }

    @Override
    public Optional<String> behaviourFreeze(Brain brain) {
        return frozenBy(brain).map(week -> "weekclose " + week);
    }

    // ---------------------------------------------------------------- start, status, cancel

    static Outcome startAction(ActionContext ctx) {
        IsoWeek week = requestedWeek(ctx);
        Instant end = week.sunday().plusDays(1).atStartOfDay(ctx.zone()).toInstant();
        if (ctx.now().isBefore(end)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "week " + week + " has not ended",
                    new Violation("$.data.week", week + " ends at " + end.atZone(ctx.zone()).toOffsetDateTime()
                            + "; only an ended week can be closed"));
        }
        return begin(ctx, week, "$.data.week");
    }

    static Outcome scheduled(ActionContext ctx, JobRun run) {
        return begin(ctx, IsoWeek.of(run.slot(), ctx.zone()).plus(-1), "$.data.slot");
    }

    /** Starts (or, if already started, reports) the weekclose of {@code week}. */
    private static Outcome begin(ActionContext ctx, IsoWeek week, String field) {
        Brain brain = ctx.brain();
        Optional<Weekclose> existing = Weekclose.read(brain, week);
        if (existing.isPresent() && existing.get().state() != WeekcloseState.CANCELLED) {
            // a second start for the same week creates nothing: the first run stands
            ObjectNode result = Json.object();
            result.put("started", false);
            result.set("weekclose", existing.get().toJson());
            return Outcome.of(result);
        }
        List<Violation> problems = new ArrayList<>();
        Weekclose.open(brain).ifPresent(w -> problems.add(new Violation(field, "weekclose " + w.week()
                + " is still open (" + w.state() + "); finish or cancel it first")));
        if (ctx.port(SheetRenderer.class).isEmpty()) {
            problems.add(new Violation(field, "this host has no SheetRenderer to write the logbook sheet"));
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "weekclose " + week + " cannot start", problems);
        }
        List<String> chain = brain.patchQueue().active().stream().map(e -> e.patch().id() + " " + e.status()).toList();
        if (!chain.isEmpty()) {
            throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "behaviour patches are still pending",
                    new Violation(field, "the patch chain is not empty (" + String.join(", ", chain)
                            + "); answer or commit those first, then start weekclose " + week));
        }
        int run = existing.map(w -> w.run() + 1).orElse(1);
        Weekclose w = Weekclose.start(week, run, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("run", run);
        ObjectNode result = Json.object();
        result.put("started", true);
        result.set("weekclose", w.toJson());
        return Outcome.builder(result).writeJson(Weekclose.path(week), w.toJson())
                .audit(new AuditRecord("weekclose.started", ctx.actor(), ctx.traceId(), audit)).build();
    }

    static Outcome statusAction(ActionContext ctx) {
        ObjectNode result = Json.object();
        Optional<Weekclose> w;
        if (ctx.data().hasNonNull("week")) {
            IsoWeek week = requestedWeek(ctx);
            w = Weekclose.read(ctx.brain(), week);
            result.put("week", week.toString());
        } else {
            List<Weekclose> all = Weekclose.all(ctx.brain());
            w = Weekclose.open(ctx.brain()).or(() -> all.isEmpty() ? Optional.empty()
                    : Optional.of(all.get(all.size() - 1)));
            result.put("week", w.map(x -> x.week().toString()).orElse(lastEnded(ctx).toString()));
        }
        result.put("state", w.map(x -> x.state().name()).orElse("NOT_STARTED"));
        result.set("weekclose", w.<JsonNode>map(Weekclose::toJson).orElse(Json.object().nullNode()));
        return Outcome.of(result);
    }

    static Outcome cancelAction(ActionContext ctx) {
        IsoWeek week = requestedWeek(ctx);
        Weekclose w = Weekclose.read(ctx.brain(), week).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no weekclose for " + week, new Violation("$.data.week", "weekclose " + week + " was never started")));
        if (!w.state().cancellable()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "weekclose " + week + " can no longer be cancelled",
                    new Violation("$.data.week", "is " + w.state() + (w.state().open()
                            ? "; patches were applied, answer the commit consent instead" : "; it is over")));
        }
        Outcome.Builder out = Outcome.builder();
        for (WeekcloseProposal p : w.proposals()) {
            if (p.questionId() != null) {
                ctx.brain().questions().find(p.questionId()).filter(q -> q.status() == QuestionStatus.OPEN)
                        .ifPresent(q -> out.close(q.closed(QuestionStatus.CANCELLED, null, ctx.now())));
            }
        }
        Weekclose next = w.moveTo(WeekcloseState.CANCELLED, ctx.now()).withReason("cancelled by the user in "
                + w.state());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("from", w.state().name());
        ObjectNode result = Json.object();
        result.set("weekclose", next.toJson());
        return out.result(result).writeJson(Weekclose.path(week), next.toJson())
                .audit(new AuditRecord("weekclose.cancelled", ctx.actor(), ctx.traceId(), audit)).build();
    }

    private static IsoWeek requestedWeek(ActionContext ctx) {
        if (!ctx.data().hasNonNull("week")) {
            return lastEnded(ctx);
        }
        try {
            return IsoWeek.parse(ctx.data().get("week").textValue());
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "no such week", new Violation("$.data.week", e.getMessage()));
        }
    }

    private static IsoWeek lastEnded(ActionContext ctx) {
        return IsoWeek.of(ctx.now(), ctx.zone()).plus(-1);
    }

    // ---------------------------------------------------------------- answers

    static Outcome answer(ActionContext ctx, Question q, String answer) {
        IsoWeek week = IsoWeek.parse(q.data().get("week").textValue());
        Weekclose w = Weekclose.read(ctx.brain(), week).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no weekclose for " + week, new Violation("$.data.id", "its weekclose " + week + " does not exist")));
        if (w.state() != WeekcloseState.ASKING) {
            throw new Refusal(ErrorCode.QUESTION_CLOSED, "weekclose " + week + " is " + w.state(),
                    new Violation("$.data.id", "weekclose " + week + " no longer takes answers (" + w.state() + ")"));
        }
        List<WeekcloseProposal> proposals = new ArrayList<>();
        String patchId = null;
        for (WeekcloseProposal p : w.proposals()) {
            if (q.id().equals(p.questionId())) {
                proposals.add(p.answered(answer));
                patchId = p.patch().id();
            } else {
                proposals.add(p);
            }
        }
        if (patchId == null) {
            throw new Refusal(ErrorCode.NOT_FOUND, "the question is not part of weekclose " + week,
                    new Violation("$.data.id", "no proposal of weekclose " + week + " has this question"));
        }
        Weekclose next = w.withProposals(proposals).moveTo(WeekcloseState.ASKING, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("patchId", patchId);
        audit.put("answer", answer);
        ObjectNode result = Json.object();
        result.put("week", week.toString());
        result.put("patchId", patchId);
        result.put("remaining", proposals.stream().filter(p -> p.answer() == null).count());
        return Outcome.builder(result).close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()))
                .writeJson(Weekclose.path(week), next.toJson())
                .audit(new AuditRecord("weekclose.proposal_answered", ctx.actor(), ctx.traceId(), audit)).build();
    }

    // ---------------------------------------------------------------- steps

    @Override
    public Optional<Outcome> advance(ActionContext ctx) {
        Optional<Weekclose> open = Weekclose.open(ctx.brain());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Weekclose w = open.get();
        return switch (w.state()) {
            case FROZEN -> Optional.of(compile(ctx, w));
            case COMPILED -> Optional.of(measure(ctx, w));
            case MEASURED -> Optional.of(propose(ctx, w));
            case PROPOSED -> Optional.of(ask(ctx, w));
            case ASKING -> decided(ctx, w) ? Optional.of(apply(ctx, w)) : Optional.empty();
            case APPLIED -> Optional.of(requestCommit(ctx, w));
            case AWAITING_CONSENT -> awaitConsent(ctx, w);
            default -> Optional.empty();
        };
    }

    /** Where the sheet of {@code week} lives, with the renderer's extension. */
    public static BrainPath sheetPath(IsoWeek week, SheetRenderer renderer) {
        return BrainPath.of(BrainLayout.LOGBOOK_FOLDER + "/" + week + "." + renderer.extension());
    }

    /** Step 2: write the logbook sheet and read it back; a mismatch freezes the brain (DR). */
    private static Outcome compile(ActionContext ctx, Weekclose w) {
        SheetRenderer renderer = ctx.port(SheetRenderer.class).orElseThrow(() -> new Refusal(ErrorCode.VALIDATION_FAILED,
                "no SheetRenderer", new Violation("$", "this host has no SheetRenderer to write the logbook sheet")));
        LogbookSheet sheet = LogbookJournal.week(ctx.brain(), w.week()).toSheet();
        byte[] bytes = renderer.logbook(sheet);
        String mismatch;
        try {
            LogbookSheet back = renderer.readLogbook(bytes);
            mismatch = back.equals(sheet) ? null : "the sheet read back holds " + back.rows().size()
                    + " rows that differ from the journal's " + sheet.rows().size();
        } catch (SheetFormatException e) {
            mismatch = "the sheet could not be read back: " + e.getMessage();
        }
        BrainPath path = sheetPath(w.week(), renderer);
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("path", path.value());
        if (mismatch != null) {
            Weekclose failed = w.moveTo(WeekcloseState.FAILED, ctx.now()).withReason(mismatch);
            audit.put("problem", mismatch);
            ObjectNode result = Json.object();
            result.set("weekclose", failed.toJson());
            return Outcome.builder(result).writeJson(Weekclose.path(w.week()), failed.toJson())
                    .audit(new AuditRecord("weekclose.failed", ctx.actor(), ctx.traceId(), audit))
                    .alert(new Alert(AlertLevel.CRITICAL, "LOGBOOK_SHEET_MISMATCH", "Weekclose " + w.week()
                            + ": " + mismatch, ctx.now(), Map.of("week", w.week().toString(), "path", path.value())))
                    .state(GovernanceState.STATE_DR, "LOGBOOK_SHEET_MISMATCH: weekclose " + w.week() + ": " + mismatch)
                    .build();
        }
        ObjectNode info = Json.object();
        info.put("path", path.value());
        info.put("sha256", CanonicalJson.sha256Hex(bytes));
        info.put("rows", sheet.rows().size());
        audit.put("sha256", info.get("sha256").textValue());
        audit.put("rows", sheet.rows().size());
        Weekclose next = w.withSheet(info).moveTo(WeekcloseState.COMPILED, ctx.now());
        return step(next).write(path, bytes)
                .audit(new AuditRecord("weekclose.sheet_compiled", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /** Step 3: the metrics, kept in the workflow so the proposals and the answers refer to the same figures. */
    private static Outcome measure(ActionContext ctx, Weekclose w) {
        ObjectNode metrics = InsightFeature.metrics(ctx.brain(), w.week(), ctx.zone()).toJson();
        Weekclose next = w.withMetrics(metrics).moveTo(WeekcloseState.MEASURED, ctx.now());
        return step(next).audit(new AuditRecord("weekclose.metrics_computed", ctx.actor(), ctx.traceId(), metrics))
                .build();
    }

    /** Step 4: the proposals (at most the ML limit), from the kept metrics. */
    private static Outcome propose(ActionContext ctx, Weekclose w) {
        JsonNode behaviour = ctx.behaviourDocument();
        List<Patch> patches = Proposals.generate(behaviour, WeekMetrics.fromJson(w.metrics()));
        List<WeekcloseProposal> proposals = patches.stream()
                .map(p -> new WeekcloseProposal(p, null, null, null, null)).toList();
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        ArrayNode ids = audit.putArray("patchIds");
        patches.forEach(p -> ids.add(p.id()));
        Weekclose next = w.withProposals(proposals).moveTo(WeekcloseState.PROPOSED, ctx.now());
        return step(next).audit(new AuditRecord("weekclose.proposals_generated", ctx.actor(), ctx.traceId(), audit))
                .build();
    }

    /** Step 5: one JA/NEE question per proposal, all at once. */
    private static Outcome ask(ActionContext ctx, Weekclose w) {
        Outcome.Builder out = Outcome.builder();
        List<WeekcloseProposal> asked = new ArrayList<>();
        int n = 0;
        for (WeekcloseProposal p : w.proposals()) {
            n++;
            Patch patch = p.patch();
            ObjectNode data = Json.object();
            data.put("workflow", Weekclose.WORKFLOW);
            data.put("week", w.week().toString());
            data.put("index", n);
            data.put("of", w.proposals().size());
            data.set("patch", patch.toJson());
            String prompt = "Weekclose " + w.week() + ", voorstel " + n + "/" + w.proposals().size() + " (risico "
                    + patch.riskLevel() + "): " + patch.path() + " " + CanonicalJson.string(patch.before()) + " → "
                    + CanonicalJson.string(patch.after()) + ". " + patch.rationale() + " Toepassen?";
            Question q = Question.ask(ctx.ids().next("Q"), QuestionKind.WEEKCLOSE_PROPOSAL, prompt, data,
                    Question.JA_NEE, ctx.now(), ctx.now().plus(ctx.questionTtl()));
            out.ask(q);
            asked.add(p.asked(q.id()));
        }
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("questions", asked.size());
        Weekclose next = w.withProposals(asked).moveTo(WeekcloseState.ASKING, ctx.now());
        return step(next, out).audit(new AuditRecord("weekclose.proposals_presented", ctx.actor(), ctx.traceId(),
                audit)).build();
    }

    /** Whether every proposal has an answer; an expired question counts as NEE. */
    private static boolean decided(ActionContext ctx, Weekclose w) {
        return w.proposals().stream().allMatch(p -> p.answer() != null || expired(ctx, p));
    }

    private static boolean expired(ActionContext ctx, WeekcloseProposal p) {
        return p.questionId() != null && ctx.brain().questions().find(p.questionId())
                .map(q -> q.statusAt(ctx.now()) == QuestionStatus.EXPIRED).orElse(false);
    }

    /** Step 6: apply the approved proposals in proposal order; the first failure stops the rest. */
    private static Outcome apply(ActionContext ctx, Weekclose w) {
        Outcome.Builder out = Outcome.builder();
        Behaviour current = ctx.brain().behaviour().behaviour().orElse(null);
        GovernanceState state = ctx.brain().governance(ctx.now()).state();
        String stop = current == null ? "behaviour.avl is invalid"
                : StateGate.refusal(state, Effect.PATCH).map(c -> state + " blocks behaviour patches").orElse(null);
        Behaviour original = current;
        List<WeekcloseProposal> done = new ArrayList<>();
        for (WeekcloseProposal p : w.proposals()) {
            if (!"JA".equals(p.answer())) {
                String why = p.answer() == null ? "the question expired unanswered" : "the user said NEE";
                done.add(p.resulting("DECLINED", why));
                out.audit(new AuditRecord("governance.patch_declined", ctx.actor(), ctx.traceId(), p.patch().toJson()));
                continue;
            }
            if (stop != null) {
                done.add(p.resulting("NOT_APPLIED", "not applied: " + stop));
                continue;
            }
            PatchApplication.Result r = PatchApplication.apply(p.patch(), current, ctx.now());
            if (r instanceof PatchApplication.Applied a) {
                current = a.behaviour();
                done.add(p.resulting("APPLIED", null));
                out.audit(a.audit(ctx.actor(), ctx.traceId()));
            } else {
                String why = r instanceof PatchApplication.Stale s ? s.problem()
                        : ((PatchApplication.Unversionable) r).problems().get(0).problem();
                stop = "an earlier proposal (" + p.patch().id() + ") failed";
                done.add(p.resulting("FAILED", why));
                ObjectNode data = p.patch().toJson();
                data.put("problem", why);
                out.audit(new AuditRecord("governance.patch_failed", ctx.actor(), ctx.traceId(), data));
            }
        }
        Weekclose next = w.withProposals(done);
        if (original != null && current != original) {
            out.write(BrainLayout.BEHAVIOUR, current.bytes());
            ObjectNode versions = Json.object();
            versions.put("oldVersion", original.version().toString());
            versions.put("newVersion", current.version().toString());
            versions.put("hashBefore", original.sha256());
            versions.put("hashAfter", current.sha256());
            next = next.withBehaviour(versions);
        }
        next = next.moveTo(WeekcloseState.APPLIED, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        ArrayNode results = audit.putArray("proposals");
        done.forEach(p -> results.addObject().put("patchId", p.patch().id()).put("result", p.result()));
        return step(next, out).audit(new AuditRecord("weekclose.patches_applied", ctx.actor(), ctx.traceId(), audit))
                .build();
    }

    /** Step 7: one commit consent for the sheet and, when it changed, behaviour.avl. */
    private static Outcome requestCommit(ActionContext ctx, Weekclose w) {
        Map<BrainPath, byte[]> contents = new LinkedHashMap<>();
        BrainPath sheet = BrainPath.of(w.sheet().get("path").textValue());
        ctx.brain().read(sheet).ifPresent(b -> contents.put(sheet, b));
        if (w.behaviour() != null) {
            ctx.brain().read(BrainLayout.BEHAVIOUR).ifPresent(b -> contents.put(BrainLayout.BEHAVIOUR, b));
        }
        ObjectNode context = Json.object();
        context.put("workflow", Weekclose.WORKFLOW);
        context.put("week", w.week().toString());
        ArrayNode ids = context.putArray("patchIds");
        w.appliedIds().forEach(ids::add);
        Question consent = ctx.askConsent(contents, "weekclose " + w.week(), context);
        ObjectNode audit = context.deepCopy();
        ArrayNode files = audit.putArray("files");
        contents.keySet().forEach(p -> files.add(p.value()));
        Weekclose next = w.withConsent(consent.id()).moveTo(WeekcloseState.AWAITING_CONSENT, ctx.now());
        return step(next, Outcome.builder().ask(consent))
                .audit(new AuditRecord("weekclose.commit_requested", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /**
     * Step 8 without a JA in the same unit: a commit already made for this consent (the host stopped
     * right after it) closes the week; a NEE, an expired or a superseded consent leaves the files
     * uncommitted and unfreezes.
     */
    private static Optional<Outcome> awaitConsent(ActionContext ctx, Weekclose w) {
        List<Question> mine = ctx.brain().questions().all().stream()
                .filter(q -> q.kind() == QuestionKind.COMMIT_CONSENT && isMine(q, w.week())).toList();
        if (mine.stream().anyMatch(q -> q.statusAt(ctx.now()) == QuestionStatus.OPEN)) {
            return Optional.empty();
        }
        Optional<Question> ja = mine.stream().filter(q -> "JA".equals(q.answer())).findFirst();
        if (ja.isPresent()) {
            Optional<CommitInfo> head = ctx.brain().store().head()
                    .filter(c -> ja.get().id().equals(c.trailers().get(BrainLayout.CONSENT_TRAILER)));
            if (head.isPresent()) {
                // the host stopped between the verified commit and its follow-up: record the commit now
                ObjectNode recorded = Json.object();
                recorded.put("commitSHA", head.get().sha());
                recorded.put("questionId", ja.get().id());
                recorded.set("files", ja.get().data().get("files"));
                recorded.put("late", true);
                Outcome closed = close(ctx, w, head.get());
                return Optional.of(Outcome.builder(closed.result())
                        .audit(new AuditRecord("commit.recorded", ctx.actor(), ctx.traceId(), recorded))
                        .merge(closed).build());
            }
        }
        String why = mine.stream().anyMatch(q -> "NEE".equals(q.answer())) ? "the user said NEE to the commit"
                : "the commit consent was not answered (expired or superseded)";
        Weekclose next = w.moveTo(WeekcloseState.UNCOMMITTED, ctx.now()).withReason(why);
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("reason", why);
        return Optional.of(step(next).audit(new AuditRecord("weekclose.uncommitted", ctx.actor(), ctx.traceId(),
                audit)).build());
    }

    private static boolean isMine(Question consent, IsoWeek week) {
        JsonNode context = consent.data().path("context");
        return Weekclose.WORKFLOW.equals(context.path("workflow").asText())
                && week.toString().equals(context.path("week").asText());
    }

    @Override
    public Optional<Outcome> afterCommit(ActionContext ctx, Question consent, CommitInfo commit) {
        JsonNode context = consent.data().path("context");
        if (!Weekclose.WORKFLOW.equals(context.path("workflow").asText())) {
            return Optional.empty();
        }
        IsoWeek week = IsoWeek.parse(context.path("week").asText());
        return Weekclose.read(ctx.brain(), week).filter(w -> w.state() == WeekcloseState.AWAITING_CONSENT)
                .map(w -> close(ctx, w, commit));
    }

    /** Step 8: the commit is verified; record it for the applied patches, close the week and unfreeze. */
    private static Outcome close(ActionContext ctx, Weekclose w, CommitInfo commit) {
        Outcome.Builder out = Outcome.builder();
        for (String id : w.appliedIds()) {
            out.audit(new AuditRecord("governance.patch_committed", ctx.actor(), ctx.traceId(),
                    PatchApplication.committed(id, commit.sha())));
        }
        Weekclose next = w.withCommit(commit.sha()).moveTo(WeekcloseState.CLOSED, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("commitSHA", commit.sha());
        ArrayNode ids = audit.putArray("patchIds");
        w.appliedIds().forEach(ids::add);
        return step(next, out).audit(new AuditRecord("weekclose.closed", ctx.actor(), ctx.traceId(), audit)).build();
    }

    private static Outcome.Builder step(Weekclose next) {
        return step(next, Outcome.builder());
    }

    /** Every step writes the workflow and answers with it, so the response shows where the week is. */
    private static Outcome.Builder step(Weekclose next, Outcome.Builder out) {
        ObjectNode result = Json.object();
        result.set("weekclose", next.toJson());
        return out.result(result).writeJson(Weekclose.path(next.week()), next.toJson());
    }
}
