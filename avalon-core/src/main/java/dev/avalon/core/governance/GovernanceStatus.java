package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted governance state ({@code state/governance.json}).
 *
 * @param state  current state
 * @param since  when it was entered
 * @param reason why
 */
public record GovernanceStatus(GovernanceState state, Instant since, String reason) {
    public GovernanceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }

    public static GovernanceStatus initial(Instant at) {
        return new GovernanceStatus(GovernanceState.STATE_NORMAL, at, "brain opened for the first time");
    }

    /** The status after a legal transition; throws {@link IllegalTransitionException} otherwise. */
    public GovernanceStatus moveTo(GovernanceState to, Instant at, String why) {
        GovernanceTransition.require(state, to);
        return new GovernanceStatus(to, at, why);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("state", state.name());
        node.put("since", since.toString());
        node.put("reason", reason);
        return node;
    }

    public static GovernanceStatus fromJson(JsonNode node) {
        return new GovernanceStatus(GovernanceState.valueOf(node.get("state").textValue()),
                Instant.parse(node.get("since").textValue()), node.get("reason").textValue());
    }
}
