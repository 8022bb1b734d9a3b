package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The action catalogue")
class CatalogTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    @DisplayName("every action has a description ≤ 300 chars, schemas, a scope and an example that validates")
    void everyActionIsComplete() {
        assertThat(h.avalon().catalog().names()).contains("system.catalog", "system.health", "behaviour.get",
                "behaviour.history", "behaviour.propose_patch", "governance.status", "governance.set_auto_mode",
                "question.list", "question.answer", "audit.verify");
        for (ActionDefinition d : h.avalon().catalog().all()) {
            assertThat(d.description()).as(d.name()).isNotBlank().hasSizeLessThanOrEqualTo(300);
            assertThat(d.scope()).as(d.name()).matches("[a-z]+:[a-z]+");
            assertThat(d.dataSchema().path("type").asText()).as(d.name()).isEqualTo("object");
            assertThat(d.resultSchema().isObject()).as(d.name()).isTrue();
            assertThat(JsonSchemas.validate(d.dataSchema(), d.example(), "$.data")).as(d.name() + " example").isEmpty();
        }
    }

    @Test
    @DisplayName("example results of read actions validate against their result schemas")
    void resultsValidate() {
        for (String name : List.of("system.health", "behaviour.get", "behaviour.history", "governance.status",
                "question.list", "audit.verify", "system.catalog")) {
            ActionDefinition d = h.avalon().catalog().find(name).orElseThrow();
            JsonNode data = h.dispatch(name, d.example().toString()).assertOk().data();
            assertThat(JsonSchemas.validate(d.resultSchema(), data, "$.data")).as(name).isEmpty();
        }
    }

    @Test
    @DisplayName("OpenAI export: names match ^[a-zA-Z0-9_-]{1,64}$ and strict schemas close every object")
    void openAi() {
        JsonNode tools = h.avalon().exportCatalog(CatalogFormat.OPENAI);
        Pattern name = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
        List<String> names = new ArrayList<>();
        for (JsonNode t : tools) {
            assertThat(t.path("type").asText()).isEqualTo("function");
            String n = t.path("function").path("name").asText();
            assertThat(name.matcher(n).matches()).as(n).isTrue();
            names.add(n);
            if (t.path("function").path("strict").asBoolean()) {
                assertStrict(t.path("function").path("parameters"), n);
            }
        }
        assertThat(names).contains("behaviour_propose_patch", "question_answer");
        assertThat(CatalogExport.actionName("behaviour_propose_patch")).isEqualTo("behaviour.propose_patch");
        assertThat(tools.findValues("strict").stream().filter(JsonNode::asBoolean).count()).isGreaterThan(5);
    }

    private static void assertStrict(JsonNode schema, String where) {
        if (schema.isArray()) {
            schema.forEach(s -> assertStrict(s, where));
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        // pattern and format are kept (strict mode supports them); length bounds move into the description
        assertThat(schema.has("minLength") || schema.has("maxLength")).as(where).isFalse();
        if ("object".equals(schema.path("type").asText())) {
            assertThat(schema.path("additionalProperties").asBoolean(true)).as(where).isFalse();
            assertThat(schema.path("required").size()).as(where).isEqualTo(schema.path("properties").size());
        }
        schema.path("properties").fields().forEachRemaining(f -> assertStrict(f.getValue(), where + "." + f.getKey()));
        assertStrict(schema.path("items"), where + "[]");
        assertStrict(schema.path("anyOf"), where + "|");
    }

    @Test
    @DisplayName("MCP export lists tools with inputSchema")
    void mcp() {
        JsonNode root = h.dispatch("system.catalog", "{\"format\":\"mcp\"}").assertOk().data().path("catalog");
        assertThat(root.path("tools").size()).isEqualTo(h.avalon().catalog().all().size());
        assertThat(root.path("tools").get(0).has("inputSchema")).isTrue();
    }

    @Test
    @DisplayName("registering an action name twice fails when Avalon is built")
    void duplicateNames() {
        ActionDefinition dup = ActionDefinition.fromResource("system.health", ctx -> null);
        assertThatThrownBy(() -> AvalonHarness.on(new dev.avalon.testkit.brain.InMemoryBrainStore(),
                dev.avalon.testkit.MutableClock.at("2026-11-23T08:00:00Z"), b -> b.action(dup)))
                .hasMessageContaining("system.health");
    }
}
