package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.Json;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Avalon instances in one process share their catalogue's schemas, each keeping its own actions")
class SharedCatalogueTest {

    private static final String NOW = "2026-11-23T08:00:00+01:00";

    @Test
    @DisplayName("two brains validate each built-in action against one compiled schema")
    void builtInSchemasAreShared() throws Exception {
        try (AvalonHarness first = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW), b -> { });
             AvalonHarness second = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW), b -> { })) {
            for (ActionDefinition def : first.avalon().catalog().all()) {
                JsonNode other = second.avalon().catalog().find(def.name()).orElseThrow().dataSchema();
                assertThat(JsonSchemas.compile(other)).as(def.name()).isSameAs(JsonSchemas.compile(def.dataSchema()));
            }
            // sharing changes nothing a caller sees
            first.dispatch("behaviour.get", "{\"path\":\"reminderEscalationRules.threshold\"}").assertOk();
            second.dispatch("behaviour.get", "{\"path\":1}").assertRejected(ErrorCode.VALIDATION_FAILED);
            first.dispatch("behaviour.get", "{\"path\":\"reminderEscalationRules.threshold\"}").assertOk();
        }
    }

    @Test
    @DisplayName("a host's action under one name with another schema in each brain is validated by its own schema")
    void customActionsAreNotMixedUp() throws Exception {
        try (AvalonHarness text = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW),
                b -> b.action(echo("text", "string")));
             AvalonHarness count = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW),
                     b -> b.action(echo("count", "integer")))) {
            assertThat(text.dispatch("demo.echo", "{\"text\":\"hallo\"}").assertOk().data().path("echo").asText())
                    .isEqualTo("text");
            count.dispatch("demo.echo", "{\"text\":\"hallo\"}").assertRejected(ErrorCode.VALIDATION_FAILED);
            assertThat(count.dispatch("demo.echo", "{\"count\":3}").assertOk().data().path("echo").asText())
                    .isEqualTo("count");
            text.dispatch("demo.echo", "{\"count\":3}").assertRejected(ErrorCode.VALIDATION_FAILED);
            assertThat(text.avalon().catalog().find("demo.echo").orElseThrow().dataSchema().path("required"))
                    .containsExactly(Json.nodes().textNode("text"));
            assertThat(count.avalon().catalog().find("demo.echo").orElseThrow().dataSchema().path("required"))
                    .containsExactly(Json.nodes().textNode("count"));
        }
    }

    @Test
    @DisplayName("a schema taken from the catalogue is the caller's copy: changing it changes no brain")
    void catalogueHandsOutCopies() throws Exception {
        try (AvalonHarness first = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW), b -> { });
             AvalonHarness second = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at(NOW), b -> { })) {
            ObjectNode schema = (ObjectNode) first.avalon().catalog().find("behaviour.get").orElseThrow().dataSchema();
            schema.put("additionalProperties", true);
            ((ObjectNode) schema.path("properties")).putObject("extra");

            assertThat(second.avalon().catalog().find("behaviour.get").orElseThrow().dataSchema()
                    .path("properties").has("extra")).isFalse();
            first.dispatch("behaviour.get", "{\"extra\":1}").assertRejected(ErrorCode.VALIDATION_FAILED);
        }
    }

    /** A host's own action that answers with the name of the one field its schema requires. */
    private static ActionDefinition echo(String field, String type) {
        JsonNode spec = parse("""
                {"description":"Echoes which field it requires.","scope":"system:read","effect":"READ",
                 "data":{"type":"object","additionalProperties":false,"required":["%s"],
                         "properties":{"%s":{"type":"%s"}}},
                 "result":{"type":"object","required":["echo"],"properties":{"echo":{"type":"string"}}},
                 "example":{"%s":1}}""".formatted(field, field, type, field));
        return ActionDefinition.fromSpec("demo.echo", spec, ctx -> {
            ObjectNode result = Json.object();
            result.put("echo", field);
            return Outcome.of(result);
        });
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
