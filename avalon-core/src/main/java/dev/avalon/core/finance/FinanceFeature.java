package dev.avalon.core.finance;

import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.Ports;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.schedule.JobTiming;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finance: the envelope ledger actions, the weekly finance check (job {@code finance-check} at
 * behaviour.avl {@code financeCheck}, default Monday 09:00, and the action {@code finance.check_start}),
 * its FINANCE_INCOME and FINANCE_ALLOCATION questions, and the validator of {@code finance/}.
 */
public final class FinanceFeature implements Feature {

    /** The Monday finance question: the week's incomes. */
    public static final QuestionKind INCOME_QUESTION = QuestionKind.of("FINANCE_INCOME");
    /** How to allocate the week's income over the pots. */
    public static final QuestionKind ALLOCATION_QUESTION = QuestionKind.of("FINANCE_ALLOCATION");


    /** The job's name, under which the scheduler records its runs. */
    public static final String JOB = "finance-check";

    private final FinanceCheck check = new FinanceCheck();

    @Override
    public String name() {
        return "finance";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("finance.register_income", FinanceActions::registerIncome),
                ActionDefinition.fromResource("finance.allocate_funds", FinanceActions::allocateFunds),
                ActionDefinition.fromResource("finance.move", FinanceActions::move),
                ActionDefinition.fromResource("finance.spend", FinanceActions::spend),
                ActionDefinition.fromResource("finance.cover", FinanceActions::cover),
                ActionDefinition.fromResource("finance.overview", FinanceActions::overview),
                ActionDefinition.fromResource("finance.check_start", ctx -> check.start(ctx, true)));
    }

    @Override
    public Map<QuestionKind, QuestionResolver> resolvers() {
        return Map.of(FinanceFeature.INCOME_QUESTION, check::resolveIncome,
                FinanceFeature.ALLOCATION_QUESTION, check::resolveAllocation);
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(JOB, timing(), (ctx, run) -> check.start(ctx, false)));
    }

    /** {@code financeCheck.dayOfWeek} and {@code .time} of behaviour.avl; Monday 09:00 when absent. */
    static JobTiming timing() {
        return behaviour -> {
            try {
                return new Schedule.Weekly(
                        DayOfWeek.valueOf(behaviour.path("financeCheck").path("dayOfWeek").asText("MONDAY")),
                        LocalTime.parse(behaviour.path("financeCheck").path("time").asText("09:00")));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // behaviour.avl is schema-checked before jobs run; an odd value falls back to the seed's slot
                return new Schedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0));
            }
        };
    }

    @Override
    public Optional<Outcome> afterCommit(ActionContext context, Question consent, CommitInfo commit) {
        return check.afterCommit(context, consent, commit);
    }

    @Override
    public Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of("finance/", new FinanceValidator(brain, ports.find(SheetRenderer.class)),
                FinanceCheckState.PATH.value(), BrainValidation.schema("schema/finance-check.schema.json"));
    }

    /**
     * A weekly sheet {@code finance/<yyyy>-W<ww>.<ext>} rendered again from the ledger, exactly as the
     * finance check writes it; empty without a renderer, or when the ledger or behaviour.avl is missing or
     * invalid (a sheet is never rebuilt from a broken ledger).
     */
    @Override
    public Optional<byte[]> rederive(ActionContext context, BrainPath path) {
        Optional<SheetRenderer> renderer = context.port(SheetRenderer.class);
        Optional<IsoWeek> week = renderer.flatMap(r -> FinanceSheets.week(path, r.extension()));
        if (week.isEmpty()) {
            return Optional.empty();
        }
        Brain brain = context.brain();
        Optional<byte[]> ledger = brain.read(FinanceBook.LEDGER);
        if (ledger.isEmpty() || !FinanceValidator.ledger(FinanceBook.LEDGER, ledger.get()).isEmpty()
                || !brain.behaviour().valid()) {
            return Optional.empty();
        }
        WeeklySheet sheet = WeeklySheet.render(FinanceBook.load(brain), week.get(), renderer.get());
        return sheet.readsBack() ? Optional.of(sheet.bytes()) : Optional.empty();
    }

    @Override
    public Optional<byte[]> replay(ActionContext context, BrainPath path, byte[] restored,
                                   List<com.fasterxml.jackson.databind.JsonNode> enteredSince) {
        return path.equals(FinanceBook.LEDGER) ? LedgerReplay.replay(context.brain(), restored, enteredSince)
                : Optional.empty();
    }

    @Override
    public List<QuestionKind> questionKinds() {
        return List.of(INCOME_QUESTION, ALLOCATION_QUESTION);
    }
}
