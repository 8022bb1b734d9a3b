package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.behaviour.BehaviourRules;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.port.Ports;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.logbook.LogbookJournal;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.time.IsoWeek;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weekclose workflow (seed 04 §2.1, §5.2) as a feature: the actions {@code weekclose.start},
 * {@code weekclose.status} and {@code weekclose.cancel}, the WEEKCLOSE_PROPOSAL and PERSONA_CHOICE
 * ({@link PersonaChoice}) resolvers, the
 * {@code weekclose} job (behaviour.avl {@code weekclose.dayOfWeek}/{@code time}, default Monday
 * 08:00), one {@linkplain #advance step} per unit of work, and the close on the verified commit.
 * States and answers are described in {@code docs/weekclose.md}.
 *
 * <p>The actions, the job's start and the answers are handled in {@code WeekcloseActions}, the steps up to
 * the applied patches in {@code WeekcloseSteps}, the commit consent and the close in {@code WeekcloseConsent}.
 */
public final class WeekcloseFeature implements Feature {

    /** JA/NEE to one weekclose proposal; the weekclose registers this question kind. */
    public static final QuestionKind PROPOSAL = QuestionKind.of("WEEKCLOSE_PROPOSAL");


    /** The scheduled job's name. */
    public static final String JOB = "weekclose";

    private static final String JOURNAL_SCHEMA = "schema/logbook-week.schema.json";

    @Override
    public String name() {
        return "weekclose";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("weekclose.start", WeekcloseActions::startAction),
                ActionDefinition.fromResource("weekclose.status", WeekcloseActions::statusAction),
                ActionDefinition.fromResource("weekclose.cancel", WeekcloseActions::cancelAction));
    }

    @Override
    public Map<QuestionKind, QuestionResolver> resolvers() {
        return Map.of(WeekcloseFeature.PROPOSAL, WeekcloseActions::answer, PersonaChoice.KIND, PersonaChoice::answer);
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(JOB, WeekcloseFeature::schedule, WeekcloseActions::scheduled));
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

    @Override
    public Optional<Outcome> advance(ActionContext ctx) {
        Optional<Weekclose> open = Weekclose.open(ctx.brain());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Weekclose w = open.get();
        return switch (w.state()) {
            case FROZEN -> Optional.of(WeekcloseSteps.compile(ctx, w));
            case COMPILED -> Optional.of(WeekcloseSteps.measure(ctx, w));
            case MEASURED -> Optional.of(WeekcloseSteps.propose(ctx, w));
            case PROPOSED -> Optional.of(WeekcloseSteps.ask(ctx, w));
            case ASKING -> WeekcloseSteps.decided(ctx, w) ? Optional.of(WeekcloseSteps.apply(ctx, w))
                    : Optional.empty();
            case APPLIED -> Optional.of(WeekcloseConsent.requestCommit(ctx, w));
            case AWAITING_CONSENT -> WeekcloseConsent.awaitConsent(ctx, w);
            default -> Optional.empty();
        };
    }

    /** Where the sheet of {@code week} lives, with the renderer's extension. */
    public static BrainPath sheetPath(IsoWeek week, SheetRenderer renderer) {
        return BrainPath.of(BrainLayout.LOGBOOK_FOLDER + "/" + week + "." + renderer.extension());
    }

    /** The week of a logbook sheet at {@code path} as {@code renderer} writes it; empty for any other path. */
    static Optional<IsoWeek> sheetWeek(BrainPath path, SheetRenderer renderer) {
        String name = path.value();
        String prefix = BrainLayout.LOGBOOK_FOLDER + "/";
        String suffix = "." + renderer.extension();
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
            return Optional.empty();
        }
        try {
            IsoWeek week = IsoWeek.parse(name.substring(prefix.length(), name.length() - suffix.length()));
            return Optional.of(week).filter(w -> sheetPath(w, renderer).equals(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A weekly sheet {@code logbook/<yyyy>-W<ww>.<ext>} compiled again from its journal, exactly as the
     * weekclose compiles it; empty without a renderer, or when the week's journal is missing (an empty
     * sheet would drop rows the journal no longer has) or does not validate.
     */
    @Override
    public Optional<byte[]> rederive(ActionContext context, BrainPath path) {
        Optional<SheetRenderer> renderer = context.port(SheetRenderer.class);
        Optional<IsoWeek> week = renderer.flatMap(r -> sheetWeek(path, r));
        if (week.isEmpty()) {
            return Optional.empty();
        }
        BrainPath journal = LogbookJournal.path(week.get());
        Optional<byte[]> entries = context.brain().read(journal);
        if (entries.isEmpty() || !BrainValidation.schema(JOURNAL_SCHEMA).validate(journal, entries.get()).isEmpty()) {
            return Optional.empty();
        }
        CompiledSheet sheet = CompiledSheet.render(context.brain(), week.get(), renderer.get());
        return sheet.readsBack() ? Optional.of(sheet.bytes()) : Optional.empty();
    }

    @Override
    public Optional<Outcome> afterCommit(ActionContext ctx, Question consent, CommitInfo commit) {
        JsonNode context = consent.data().path("context");
        if (!Weekclose.WORKFLOW.equals(context.path("workflow").asText())) {
            return Optional.empty();
        }
        IsoWeek week = IsoWeek.parse(context.path("week").asText());
        return Weekclose.read(ctx.brain(), week).filter(w -> w.state() == WeekcloseState.AWAITING_CONSENT)
                .map(w -> WeekcloseConsent.close(ctx, w, commit));
    }

    @Override
    public List<QuestionKind> questionKinds() {
        return List.of(PROPOSAL, PersonaChoice.KIND);
    }

    @Override
    public Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of(PersonaChoice.PATH.value(), BrainValidation.schema(PersonaChoice.SCHEMA),
                BrainLayout.LOGBOOK_FOLDER + "/", new LogbookSheetValidator(ports.find(SheetRenderer.class)));
    }
}
