package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.time.IsoWeek;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The persona for the coming week (seed 06 §10, "persona keuze doorgeven"), kept in
 * {@code state/persona.json} (schema {@code schema/persona.schema.json}).
 *
 * <p>When behaviour.avl names personas in {@code personaProfiles}, the weekclose asks, together with
 * its proposals, a {@code PERSONA_CHOICE} question whose options are the profile names (in upper
 * case, as every answer is compared; the profile's own spelling is recorded). The answer
 * is recorded here for the week after the closed one and audited ({@code weekclose.persona_chosen});
 * the weekclose does not wait for it, and an unanswered question changes nothing: the previous
 * choice stays. The profiles themselves stay a forbidden path for patches: choosing one changes
 * nothing in behaviour.avl.
 *
 * @param persona    the chosen profile name
 * @param week       the week it is chosen for
 * @param chosenAt   when the user answered
 * @param questionId the question answered
 */
public record PersonaChoice(String persona, IsoWeek week, Instant chosenAt, String questionId) {

    /** The question kind; the weekclose registers it. */
    public static final QuestionKind KIND = QuestionKind.of("PERSONA_CHOICE");
    public static final BrainPath PATH = BrainPath.of("state/persona.json");
    static final String SCHEMA = "schema/persona.schema.json";

    public PersonaChoice {
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(chosenAt, "chosenAt");
        Objects.requireNonNull(questionId, "questionId");
    }

    /** The last recorded choice, if any. */
    public static Optional<PersonaChoice> read(Brain brain) {
        return brain.readJson(PATH).map(n -> new PersonaChoice(n.get("persona").textValue(),
                IsoWeek.parse(n.get("week").textValue()), Instant.parse(n.get("chosenAt").textValue()),
                n.get("questionId").textValue()));
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("persona", persona);
        n.put("week", week.toString());
        n.put("chosenAt", chosenAt.toString());
        n.put("questionId", questionId);
        return n;
    }

    /** The profile names of {@code behaviour}'s {@code personaProfiles}, in document order; empty when it has none. */
    static List<String> personas(JsonNode behaviour) {
        List<String> names = new ArrayList<>();
        behaviour.path("personaProfiles").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The question for the week after {@code w}'s, when behaviour.avl names personas. */
    static Optional<Question> question(ActionContext ctx, Weekclose w) {
        List<String> personas = personas(ctx.behaviourDocument());
        if (personas.isEmpty()) {
            return Optional.empty();
        }
        IsoWeek next = w.week().plus(1);
        Optional<PersonaChoice> current = read(ctx.brain());
        ObjectNode data = Json.object();
        data.put("workflow", Weekclose.WORKFLOW);
        data.put("week", w.week().toString());
        data.put("forWeek", next.toString());
        if (current.isPresent()) {
            data.put("current", current.get().persona());
        } else {
            data.putNull("current");
        }
        String prompt = "Weekclose " + w.week() + ": welke persona voor week " + next + "? Keuze: "
                + String.join(", ", personas) + current.map(c -> " (nu: " + c.persona() + ")").orElse("") + ".";
        // answers are compared in upper case (JA, NEE): the options are the names in upper case
        List<String> options = personas.stream().map(p -> p.toUpperCase(Locale.ROOT)).distinct().toList();
        return Optional.of(Question.ask(ctx.ids().next("Q"), KIND, prompt, data, options, ctx.now(),
                ctx.now().plus(ctx.questionTtl())));
    }

    /** Records the chosen persona for the question's week, audited. */
    static Outcome answer(ActionContext ctx, Question q, String option) {
        String answer = personas(ctx.behaviourDocument()).stream()
                .filter(p -> p.toUpperCase(Locale.ROOT).equals(option)).findFirst()
                .orElseThrow(() -> new Refusal(ErrorCode.VALIDATION_FAILED, "no persona " + option,
                        new Violation("$.data.answer", "behaviour.avl's personaProfiles no longer names " + option)));
        IsoWeek week = IsoWeek.parse(q.data().get("forWeek").textValue());
        Optional<PersonaChoice> previous = read(ctx.brain());
        PersonaChoice choice = new PersonaChoice(answer, week, ctx.now(), q.id());
        ObjectNode audit = choice.toJson();
        if (previous.isPresent()) {
            audit.put("previous", previous.get().persona());
        } else {
            audit.putNull("previous");
        }
        ObjectNode result = Json.object();
        result.put("persona", answer);
        result.put("week", week.toString());
        return Outcome.builder(result).close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()))
                .writeJson(PATH, choice.toJson())
                .audit(new AuditRecord("weekclose.persona_chosen", ctx.actor(), ctx.traceId(), audit)).build();
    }
}
