package dev.avalon.testkit.harness;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.port.Alert;
import dev.avalon.core.question.Question;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

import java.util.List;

/**
 * AssertJ assertions on an {@link ActionResult}. Every failure message ends with the whole response
 * as it goes on the wire, so a failing test shows what Avalon actually answered.
 *
 * <pre>{@code
 * import static dev.avalon.testkit.harness.ActionResultAssert.assertThat;
 * import static dev.avalon.testkit.harness.AvalonHarness.data;
 *
 * AvalonHarness h = AvalonHarness.inMemory();
 * var patch = data("patch", data("id", "P-1", "type", "PATCH", "path", "reminderEscalationRules.threshold",
 *         "before", 3, "after", 2, "rationale", "One nudge less.", "riskLevel", "LOW", "source", "USER"));
 * assertThat(h.dispatch("behaviour.propose_patch", patch))
 *         .isOk().asked(1).asksKind("PATCH_APPROVAL").hasDataAt("/status", "AWAITING_APPROVAL");
 * assertThat(h.answer("Q-9999", "JA")).isRejectedWith(ErrorCode.NOT_FOUND).hasViolationAt("$.data.id");
 * }</pre>
 *
 * A {@link AvalonHarness.Response} is also an AssertJ {@code AssertProvider}, so plain
 * {@code Assertions.assertThat(response)} gives this assert too.
 */
public final class ActionResultAssert extends AbstractAssert<ActionResultAssert, ActionResult> {

    private ActionResultAssert(ActionResult actual) {
        super(actual, ActionResultAssert.class);
    }

    /** Assertions on {@code actual}. */
    public static ActionResultAssert assertThat(ActionResult actual) {
        return new ActionResultAssert(actual);
    }

    /** Assertions on the result of a harness dispatch. */
    public static ActionResultAssert assertThat(AvalonHarness.Response response) {
        return new ActionResultAssert(response == null ? null : response.result());
    }

    /** The action ran. */
    public ActionResultAssert isOk() {
        isNotNull();
        if (!actual.ok()) {
            fail("Expecting the action to succeed, but it was rejected with " + ((ActionResult.Rejected) actual).code());
        }
        return this;
    }

    /** The action was refused, with any code. */
    public ActionResultAssert isRejected() {
        rejected("Expecting a rejection, but the action succeeded");
        return this;
    }

    /** The action was refused with {@code code}. */
    public ActionResultAssert isRejectedWith(ErrorCode code) {
        ActionResult.Rejected r = rejected("Expecting a rejection with " + code + ", but the action succeeded");
        if (r.code() != code) {
            fail("Expecting a rejection with " + code + ", but it was " + r.code());
        }
        return this;
    }

    /** The refusal lists a violation at {@code path}, e.g. {@code $.data.patch.before}. */
    public ActionResultAssert hasViolationAt(String path) {
        ActionResult.Rejected r = rejected("Expecting a violation at " + path + ", but the action succeeded");
        List<String> paths = r.error().details().stream().map(Violation::path).toList();
        if (!paths.contains(path)) {
            fail("Expecting a violation at " + path + ", but the violations are at " + paths);
        }
        return this;
    }

    /**
     * An assertion on the text of the node at {@code jsonPointer} in {@code data} (e.g.
     * {@code /patch/id}): a scalar's text ({@code "2"}, {@code "true"}), or an object's or array's
     * canonical JSON.
     */
    public AbstractStringAssert<?> dataAt(String jsonPointer) {
        JsonNode node = dataNode(jsonPointer);
        String text = node.isValueNode() ? node.asText() : CanonicalJson.string(node);
        return Assertions.assertThat(text).as("data at %s of %s", jsonPointer, wire());
    }

    /** An assertion on the node at {@code jsonPointer} in {@code data}. */
    public ObjectAssert<JsonNode> dataNodeAt(String jsonPointer) {
        JsonNode node = dataNode(jsonPointer);
        return Assertions.assertThatObject(node).as("data at %s of %s", jsonPointer, wire());
    }

    /** {@code data} has {@code expectedText} at {@code jsonPointer}; see {@link #dataAt(String)}. */
    public ActionResultAssert hasDataAt(String jsonPointer, String expectedText) {
        JsonNode node = dataNode(jsonPointer);
        String text = node.isValueNode() ? node.asText() : CanonicalJson.string(node);
        if (!text.equals(expectedText)) {
            fail("Expecting data at " + jsonPointer + " to be \"" + expectedText + "\", but it was \"" + text + "\"");
        }
        return this;
    }

    /** The action asked exactly {@code count} questions. */
    public ActionResultAssert asked(int count) {
        List<Question> ask = ok("Expecting " + count + " questions asked").ask();
        if (ask.size() != count) {
            fail("Expecting " + count + " questions asked, but there were " + ask.size());
        }
        return this;
    }

    /** One of the questions asked is of {@code kind}, e.g. {@code COMMIT_CONSENT}. */
    public ActionResultAssert asksKind(String kind) {
        List<String> kinds = ok("Expecting a question of kind " + kind).ask().stream()
                .map(q -> q.kind().name()).toList();
        if (!kinds.contains(kind)) {
            fail("Expecting a question of kind " + kind + ", but the kinds asked are " + kinds);
        }
        return this;
    }

    /** The action raised an alert with {@code code}, e.g. {@code AUDIT_CHAIN_BROKEN}. */
    public ActionResultAssert raisedAlert(String code) {
        List<String> codes = ok("Expecting an alert " + code).alerts().stream().map(Alert::code).toList();
        if (!codes.contains(code)) {
            fail("Expecting an alert " + code + ", but the alerts raised are " + codes);
        }
        return this;
    }

    private JsonNode dataNode(String jsonPointer) {
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(jsonPointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON pointer (like /patch/id): " + jsonPointer, e);
        }
        JsonNode node = ok("Expecting data at " + jsonPointer).data().at(pointer);
        if (node.isMissingNode()) {
            fail("Expecting data at " + jsonPointer + ", but there is nothing there");
        }
        return node;
    }

    private ActionResult.Ok ok(String expectation) {
        isNotNull();
        if (actual instanceof ActionResult.Ok ok) {
            return ok;
        }
        fail(expectation + ", but the action was rejected with " + ((ActionResult.Rejected) actual).code());
        throw new IllegalStateException("unreachable");
    }

    private ActionResult.Rejected rejected(String expectation) {
        isNotNull();
        if (actual instanceof ActionResult.Rejected r) {
            return r;
        }
        fail(expectation);
        throw new IllegalStateException("unreachable");
    }

    private void fail(String message) {
        // the response may contain '%', so it is passed as an argument, never as the format
        failWithMessage("%s%nin response:%n  %s", message, wire());
    }

    private String wire() {
        return CanonicalJson.string(actual.toJson());
    }
}
