package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.json.Json;
import dev.avalon.git.GitBrainStore;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AvalonTools: the catalogue as MCP tools, answers as tool results")
class AvalonToolsTest {

    @TempDir
    Path brain;

    private Avalon avalon;
    private AvalonTools tools;

    @BeforeEach
    void open() {
        avalon = Avalon.builder().brain(GitBrainStore.open(brain)).clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam")).alerts(a -> { }).build();
        tools = new AvalonTools(avalon.exportCatalog(CatalogFormat.MCP),
                (context, envelope) -> avalon.dispatch(envelope, Caller.owner()));
    }

    @AfterEach
    void close() {
        avalon.close();
    }

    @Test
    @DisplayName("one tool per action, named as the MCP export names it, mapped back to its action")
    void oneToolPerAction() {
        JsonNode export = avalon.exportCatalog(CatalogFormat.MCP).path("tools");
        assertThat(tools.tools()).hasSize(avalon.catalog().all().size()).hasSize(export.size());
        for (int i = 0; i < export.size(); i++) {
            McpSchema.Tool tool = tools.tools().get(i);
            assertThat(tool.name()).isEqualTo(export.get(i).path("name").asText());
            assertThat(Json.valueToTree(tool.inputSchema())).isEqualTo(export.get(i).path("inputSchema"));
            assertThat(tools.actionOf(tool.name())).hasValue(avalon.catalog().names().get(i));
        }
        assertThat(tools.actionOf("behaviour_propose_patch")).hasValue("behaviour.propose_patch");
        assertThat(tools.actionOf("no_such_tool")).isEmpty();
    }

    @Test
    @DisplayName("every output schema is the envelope with the export's output schema as data, and is a valid schema")
    void outputSchemas() {
        JsonNode export = avalon.exportCatalog(CatalogFormat.MCP).path("tools");
        for (int i = 0; i < export.size(); i++) {
            JsonNode declared = Json.valueToTree(tools.tools().get(i).outputSchema());
            JsonNode data = export.get(i).path("outputSchema").deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) data).remove("$defs");
            assertThat(declared.at("/anyOf/0/properties/data")).as(tools.tools().get(i).name()).isEqualTo(data);
            assertThat(ToolSession.problems(tools.tools().get(i).outputSchema(), Json.object()))
                    .as("an empty object is neither a done nor a refused envelope").isNotEmpty();
        }
    }

    @Test
    @DisplayName("a done answer, its question spelled out, and a refusal both validate against the tool's output schema")
    void answersValidate() {
        ActionResult proposed = avalon.dispatch("""
                {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-1","type":"PATCH",
                 "path":"reminderEscalationRules.threshold","before":3,"after":2,"rationale":"Eerder.",
                 "riskLevel":"LOW","source":"USER"}}}""", Caller.owner());
        CallToolResult done = ToolAnswer.of(proposed);
        String question = proposed.toJson().at("/ask/0/id").asText();
        assertThat(done.isError()).isFalse();
        assertThat(ToolSession.text(done)).startsWith("behaviour.propose_patch done")
                .contains("QUESTION " + question + " (PATCH_APPROVAL)")
                .contains("question_answer {\"id\":\"" + question + "\",\"answer\":\"JA\" or \"NEE\"}");
        assertThat(ToolSession.problems(schema("behaviour_propose_patch"), ToolSession.structured(done))).isEmpty();

        ActionResult bad = avalon.dispatch("{\"action\":\"logbook.add_daily_entry\",\"data\":{\"stress\":42}}",
                Caller.owner());
        CallToolResult refused = ToolAnswer.of(bad);
        assertThat(refused.isError()).isTrue();
        assertThat(ToolSession.text(refused)).contains("VALIDATION_FAILED").contains("field $.data.stress");
        assertThat(ToolSession.structured(refused)).isEqualTo(bad.toJson());
        assertThat(ToolSession.problems(schema("logbook_add_daily_entry"), ToolSession.structured(refused))).isEmpty();
    }

    @Test
    @DisplayName("Avalon's meta travels in the request's _meta: a replayed idempotency key answers the stored answer")
    void requestMeta() {
        Map<String, Object> meta = Map.of(AvalonTools.META_IDEMPOTENCY_KEY, "day-1", AvalonTools.META_TRACE_ID, "t-1");
        Map<String, Object> arguments = Map.of("activiteit", "Lezen", "domein", "VSB", "stress", 3, "motivatie", 8,
                "status", "done", "moveCount", 0);
        String envelope = AvalonTools.envelope("logbook.add_daily_entry",
                McpSchema.CallToolRequest.builder("logbook_add_daily_entry").arguments(arguments).meta(meta).build());
        JsonNode first = avalon.dispatch(envelope, Caller.owner()).toJson();
        JsonNode replay = avalon.dispatch(envelope, Caller.owner()).toJson();
        assertThat(first.path("traceId").asText()).isEqualTo("t-1");
        assertThat(replay.path("data")).isEqualTo(first.path("data"));
        JsonNode week = avalon.dispatch("{\"action\":\"logbook.week\",\"data\":{}}", Caller.owner()).toJson();
        assertThat(week.at("/data/entries")).hasSize(1);
    }

    private Map<String, Object> schema(String tool) {
        return tools.tools().stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow().outputSchema();
    }
}
