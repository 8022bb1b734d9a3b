package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What both transports are driven through. */
final class Scenarios {

    static final String DAILY_ENTRY = """
            {"activiteit":"Offerte VSB afronden","domein":"VSB","stress":6,"motivatie":7,"status":"done","moveCount":1}""";

    private Scenarios() {
    }

    /** Every action is a tool with an input and an output schema, named as the MCP export names it. */
    static void everyActionIsATool(ToolSession session, int actions) {
        Map<String, McpSchema.Tool> tools = session.listTools();
        assertThat(tools).hasSize(actions);
        assertThat(tools.values()).allSatisfy(t -> {
            assertThat(t.inputSchema()).as(t.name()).containsEntry("type", "object");
            assertThat(t.outputSchema()).as(t.name()).containsEntry("type", "object");
            assertThat(t.description()).as(t.name()).isNotBlank();
        });
        assertThat(tools).containsKeys("logbook_add_daily_entry", "behaviour_propose_patch", "question_answer",
                "question_list");
    }

    /**
     * A behaviour patch proposed, the approval question read back with question_list, JA, the commit
     * consent question, JA: answers the commit's sha.
     */
    static String patchApprovedAndCommitted(ToolSession session) {
        CallToolResult proposed = session.call("behaviour_propose_patch", """
                {"patch":{"id":"USR-2026-0001","type":"PATCH","path":"reminderEscalationRules.threshold",
                 "before":3,"after":2,"rationale":"Ik wil eerder een duwtje krijgen.","riskLevel":"LOW","source":"USER"}}""");
        assertThat(proposed.isError()).as(ToolSession.text(proposed)).isFalse();
        String approval = ToolSession.question(proposed, "PATCH_APPROVAL");
        // the text spells the question out: its prompt, its options and the call that closes it
        assertThat(ToolSession.text(proposed))
                .contains("QUESTION " + approval)
                .contains("reminderEscalationRules.threshold")
                .contains("Options: JA, NEE")
                .contains("question_answer {\"id\":\"" + approval + "\",\"answer\":\"JA\" or \"NEE\"}");
        assertThat(ToolSession.structured(proposed).path("ask").get(0).path("id").asText()).isEqualTo(approval);

        JsonNode open = session.ok("question_list", "{}");
        assertThat(open.toString()).contains(approval);

        CallToolResult applied = session.call("question_answer", "{\"id\":\"" + approval + "\",\"answer\":\"JA\"}");
        assertThat(applied.isError()).as(ToolSession.text(applied)).isFalse();
        String consent = ToolSession.question(applied, "COMMIT_CONSENT");
        assertThat(ToolSession.text(applied)).contains("behaviour.avl");

        JsonNode committed = session.ok("question_answer", "{\"id\":\"" + consent + "\",\"answer\":\"JA\"}");
        assertThat(committed.path("commitSha").asText()).matches("[0-9a-f]{40}");
        return committed.path("commitSha").asText();
    }

    /** A bad argument is refused, naming the field; the brain does not change. */
    static void badArgumentIsRefusedNamingTheField(ToolSession session) {
        CallToolResult refused = session.call("logbook_add_daily_entry", """
                {"activiteit":"Te veel","domein":"VSB","stress":42,"motivatie":7,"status":"done","moveCount":0}""");
        assertThat(refused.isError()).isTrue();
        assertThat(ToolSession.text(refused)).contains("VALIDATION_FAILED").contains("field ").contains("stress");
        JsonNode envelope = ToolSession.structured(refused);
        assertThat(envelope.path("ok").asBoolean(true)).isFalse();
        assertThat(envelope.path("error").path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(envelope.path("error").path("details").toString()).contains("stress");
    }
}
