package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Features add actions; ports reach handlers through the context")
class FeatureTest {

    /** A feature whose one action says whether a mail sender was wired. */
    static Feature echo() {
        ObjectNode spec = (ObjectNode) parse("""
                {"description":"Says whether mail is wired.","scope":"system:read","effect":"READ",
                 "data":{"type":"object","additionalProperties":false,"properties":{}},
                 "result":{"type":"object","required":["mail"],"properties":{"mail":{"type":"boolean"}}},
                 "example":{}}""");
        ActionDefinition def = ActionDefinition.fromSpec("echo.mail", spec, ctx -> {
            if (ctx.port(MailSender.class).isEmpty()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "no mail sender is wired",
                        new Violation("$.action", "needs a MailSender"));
            }
            ObjectNode r = Json.object();
            r.put("mail", true);
            return Outcome.of(r);
        });
        return new Feature() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public List<ActionDefinition> actions() {
                return List.of(def);
            }
        };
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a feature's action is in the catalogue and sees the port the host wired")
    void featureSeesPort() throws Exception {
        MailSender mail = m -> "<id@test>";
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(
                "2026-11-23T08:00:00+01:00"), b -> b.feature(echo()).port(MailSender.class, mail))) {
            assertThat(h.avalon().catalog().find("echo.mail")).isPresent();
            assertThat(h.dispatch("echo.mail", "{}").assertOk().data().path("mail").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("without the port the action is refused with a typed error")
    void missingPortIsRefused() throws Exception {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(
                "2026-11-23T08:00:00+01:00"), b -> b.feature(echo()))) {
            h.dispatch("echo.mail", "{}").assertRejected(ErrorCode.VALIDATION_FAILED);
        }
    }

    @Test
    @DisplayName("two features claiming one action name fail the build")
    void duplicateActionFailsBuild() throws Exception {
        assertThatThrownBy(() -> Avalon.builder().brain(new InMemoryBrainStore())
                .clock(MutableClock.at("2026-11-23T08:00:00+01:00")).alerts(a -> { })
                .feature(echo()).feature(echo()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("echo.mail");
    }
}
