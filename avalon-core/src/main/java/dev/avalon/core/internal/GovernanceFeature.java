package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;

import java.util.List;
import java.util.Map;

/**
 * Behaviour and its governance as actions: reading {@code behaviour.avl} and its history, proposing
 * patches ({@link PatchFlow}), the governance state, auto-mode, and asking to commit
 * ({@link ConsentFlow}); it resolves the PATCH_APPROVAL, CONFLICT_RESOLUTION_REQUEST and
 * COMMIT_CONSENT questions.
 */
final class GovernanceFeature implements Feature {

    private final PatchFlow patches;
    private final ConsentFlow consents;

    GovernanceFeature(PatchFlow patches, ConsentFlow consents) {
        this.patches = patches;
        this.consents = consents;
    }

    @Override
    public String name() {
        return "governance";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("behaviour.get", GovernanceFeature::behaviourGet),
                ActionDefinition.fromResource("behaviour.history", GovernanceFeature::behaviourHistory),
                ActionDefinition.fromResource("behaviour.propose_patch", patches::propose),
                ActionDefinition.fromResource("behaviour.withdraw_patch", patches::withdraw),
                ActionDefinition.fromResource("governance.status", GovernanceFeature::status),
                ActionDefinition.fromResource("governance.set_auto_mode", GovernanceFeature::setAutoMode),
                ActionDefinition.fromResource("brain.request_commit", consents::requestCommit));
    }

    @Override
    public Map<QuestionKind, QuestionResolver> resolvers() {
        QuestionResolver approval = new QuestionResolver() {
            @Override
            public Outcome resolve(ActionContext context, Question question, String answer) {
                return patches.resolveApproval(context, question, answer);
            }

            @Override
            public Outcome expire(ActionContext context, Question question) {
                return patches.expireApproval(context, question);
            }
        };
        QuestionResolver consent = new QuestionResolver() {
            @Override
            public Outcome resolve(ActionContext context, Question question, String answer) {
                return consents.resolveConsent(context, question, answer);
            }

            @Override
            public Outcome expire(ActionContext context, Question question) {
                return consents.expireConsent(context, question);
            }
        };
        return Map.of(QuestionKind.PATCH_APPROVAL, approval,
                QuestionKind.CONFLICT_RESOLUTION_REQUEST, patches::resolveConflict,
                QuestionKind.COMMIT_CONSENT, consent);
    }

    private static Behaviour behaviour(ActionContext ctx) {
        return ctx.brain().behaviour().behaviour().orElseThrow(() -> new Refusal(ErrorCode.BEHAVIOUR_INCONSISTENT,
                "behaviour.avl is invalid", new Violation("$", "behaviour.avl does not validate")));
    }

    /** {@code behaviour.get}'s data: a dot path, or null for the whole document. */
    record GetData(String path) {
    }

    /** {@code governance.set_auto_mode}'s data. */
    record AutoModeData(boolean enabled, String reason) {
    }

    private static Outcome behaviourGet(ActionContext ctx) {
        Behaviour b = behaviour(ctx);
        ObjectNode result = Json.object();
        result.put("version", b.version().toString());
        String path = ctx.dataAs(GetData.class).path();
        if (path != null) {
            JsonNode value = b.at(path);
            if (value.isMissingNode()) {
                throw new Refusal(ErrorCode.NOT_FOUND, "no value at " + path,
                        new Violation("$.data.path", "does not exist in behaviour.avl"));
            }
            result.put("path", path);
            result.set("value", value);
        } else {
            result.set("document", b.document());
        }
        return Outcome.of(result);
    }

    private static Outcome behaviourHistory(ActionContext ctx) {
        Behaviour b = behaviour(ctx);
        ObjectNode result = Json.object();
        result.put("version", b.version().toString());
        result.set("history", b.document().path("history"));
        ArrayNode commits = result.putArray("commits");
        for (CommitInfo c : ctx.brain().store().history(BrainLayout.BEHAVIOUR)) {
            ObjectNode node = commits.addObject();
            node.put("sha", c.sha());
            node.put("time", c.time().toString());
            node.put("subject", c.message().lines().findFirst().orElse(""));
            String v = c.trailers().get(BrainLayout.VERSION_TRAILER);
            if (v == null) {
                node.putNull("version");
            } else {
                node.put("version", v);
            }
        }
        return Outcome.of(result);
    }

    private static Outcome status(ActionContext ctx) {
        GovernanceStatus status = ctx.brain().governance(ctx.now());
        ObjectNode result = status.toJson();
        ArrayNode allows = result.putArray("allows");
        for (Effect e : Effect.values()) {
            if (StateGate.allows(status.state(), e)) {
                allows.add(e.name());
            }
        }
        if (StateGate.allowsCommit(status.state())) {
            allows.add("COMMIT");
        }
        ArrayNode queued = result.putArray("patches");
        ctx.brain().patchQueue().entries().forEach(e -> queued.add(e.toJson()));
        return Outcome.of(result);
    }

    private static Outcome setAutoMode(ActionContext ctx) {
        AutoModeData data = ctx.dataAs(AutoModeData.class);
        boolean enabled = data.enabled();
        GovernanceState current = ctx.brain().governance(ctx.now()).state();
        GovernanceState target = enabled ? GovernanceState.STATE_AUTO_MODE : GovernanceState.STATE_NORMAL;
        ObjectNode result = Json.object();
        result.put("state", target.name());
        result.put("changed", current != target);
        if (current == target) {
            return Outcome.of(result);
        }
        String reason = data.reason() != null ? data.reason()
                : enabled ? "auto-mode switched on" : "auto-mode switched off";
        return Outcome.builder(result).state(target, reason).build();
    }
}
