package dev.avalon.testkit.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ActionResultAssert reads like the answer it checks and shows the whole answer when it fails")
class ActionResultAssertTest {

    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(),
            MutableClock.at("2026-11-23T08:00:00+01:00"), b -> b.feature(alerting()));

    @AfterEach
    void close() {
        h.close();
    }

    /** A feature whose one action succeeds and raises an IMPORTANT alert, so alerts can be asserted on. */
    private static Feature alerting() {
        ObjectNode spec = data("description", "Raises a test alert.", "scope", "system:read", "effect", "READ",
                "data", data("type", "object", "additionalProperties", false, "properties", data()),
                "result", data("type", "object"), "example", data());
        ActionDefinition def = ActionDefinition.fromSpec("test.alert", spec, ctx -> Outcome.builder(Json.object())
                .alert(new Alert(AlertLevel.IMPORTANT, "TEST_ALERT", "A test alert.", ctx.now(), Map.of())).build());
        return new Feature() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<ActionDefinition> actions() {
                return List.of(def);
            }
        };
    }

    private AvalonHarness.Response proposal() {
        return h.dispatch("behaviour.propose_patch", AvalonHarnessTest.thresholdPatch("P-1"));
    }

    @Test
    @DisplayName("an accepted proposal is ok, asks one PATCH_APPROVAL and has its status in data")
    void passingAssertionsChain() {
        ActionResultAssert.assertThat(proposal())
                .isOk()
                .asked(1)
                .asksKind("PATCH_APPROVAL")
                .hasDataAt("/status", "AWAITING_APPROVAL")
                .hasDataAt("/patchId", "P-1");
    }

    @Test
    @DisplayName("AssertJ's own assertThat on a harness response gives the same assertions")
    void assertProvider() {
        assertThat(proposal()).isOk().asksKind("PATCH_APPROVAL");
        assertThat(h.answer("Q-9999", "JA")).isRejectedWith(ErrorCode.NOT_FOUND).hasViolationAt("$.data.id");
    }

    @Test
    @DisplayName("dataAt gives a string assertion on a scalar's text and on a container's JSON; dataNodeAt on the node")
    void dataAt() {
        var proposed = proposal();
        ActionResultAssert.assertThat(proposed).dataAt("/position").isEqualTo("1");
        ActionResultAssert.assertThat(proposed).dataAt("/questionId").startsWith("Q-");
        // the empty pointer is the whole of data
        ActionResultAssert.assertThat(proposed).dataAt("").contains("\"patchId\":\"P-1\"");
        ActionResultAssert.assertThat(proposed).dataNodeAt("/position")
                .satisfies(node -> assertThat(node.asInt()).isEqualTo(1));
    }

    @Test
    @DisplayName("isOk on a rejection fails naming the code, with the whole response in the message")
    void isOkFailure() {
        var refused = h.answer("Q-9999", "JA");

        assertThatThrownBy(() -> ActionResultAssert.assertThat(refused).isOk())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the action to succeed, but it was rejected with NOT_FOUND")
                .hasMessageContaining(refused.toString());
    }

    @Test
    @DisplayName("isRejectedWith fails on success and on another code; hasViolationAt lists the paths there are")
    void rejectionFailures() {
        var proposed = proposal();
        var refused = h.answer("Q-9999", "JA");

        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).isRejectedWith(ErrorCode.NOT_FOUND))
                .hasMessageContaining("Expecting a rejection with NOT_FOUND, but the action succeeded")
                .hasMessageContaining("\"status\":\"AWAITING_APPROVAL\"");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(refused).isRejectedWith(ErrorCode.QUESTION_CLOSED))
                .hasMessageContaining("but it was NOT_FOUND");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(refused).hasViolationAt("$.data.answer"))
                .hasMessageContaining("but the violations are at [$.data.id]");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).isRejected())
                .hasMessageContaining("Expecting a rejection");
    }

    @Test
    @DisplayName("data assertions fail on a missing pointer, a different value and a rejection")
    void dataFailures() {
        var proposed = proposal();

        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).hasDataAt("/nope", "x"))
                .hasMessageContaining("Expecting data at /nope, but there is nothing there");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).hasDataAt("/status", "QUEUED"))
                .hasMessageContaining("to be \"QUEUED\", but it was \"AWAITING_APPROVAL\"");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).dataAt("/status").isEqualTo("QUEUED"))
                .hasMessageContaining("data at /status of {");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(h.answer("Q-9999", "JA")).dataAt("/status"))
                .hasMessageContaining("but the action was rejected with NOT_FOUND");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).dataAt("status"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON pointer");
    }

    @Test
    @DisplayName("question assertions fail with the count and the kinds that were asked")
    void questionFailures() {
        var proposed = proposal();

        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).asked(2))
                .hasMessageContaining("Expecting 2 questions asked, but there were 1");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).asksKind("COMMIT_CONSENT"))
                .hasMessageContaining("but the kinds asked are [PATCH_APPROVAL]");
    }

    @Test
    @DisplayName("raisedAlert sees the alerts of the response, and fails listing the codes raised")
    void alerts() {
        var alerted = h.dispatch("test.alert").assertOk();

        ActionResultAssert.assertThat(alerted).raisedAlert("TEST_ALERT");
        assertThatThrownBy(() -> ActionResultAssert.assertThat(alerted).raisedAlert("AUDIT_CHAIN_BROKEN"))
                .hasMessageContaining("but the alerts raised are [TEST_ALERT]");
    }

    @Test
    @DisplayName("a response with a percent sign in it is quoted verbatim, not taken as a format")
    void percentSignsAreSafe() {
        var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
                "rationale", "100%s sure, 5%d", "riskLevel", "LOW", "source", "USER")));

        assertThatThrownBy(() -> ActionResultAssert.assertThat(proposed).isRejected())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("100%s sure, 5%d");
    }
}
