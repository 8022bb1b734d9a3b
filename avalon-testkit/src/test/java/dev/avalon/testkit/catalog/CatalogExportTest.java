package dev.avalon.testkit.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.json.Json;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.testkit.harness.AvalonHarness;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each export checked against the rules its consumer documents: OpenAI's strict mode (Structured
 * Outputs, supported schemas), Claude's strict tool use, the MCP 2025-06-18 Tool schema, and OpenAPI
 * 3.1 as a real parser reads it.
 */
@DisplayName("Catalogue exports follow the rules of the front end that reads them")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogExportTest {

    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Set<String> STRUCTURE = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "anyOf", "$defs", "$ref", "description");
    private static final Set<String> OPENAI_KEYWORDS = union(STRUCTURE, Set.of("pattern", "format", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems"));
    private static final Set<String> OPENAI_FORMATS = Set.of("date-time", "time", "date", "duration", "email",
            "hostname", "ipv4", "ipv6", "uuid");
    private static final Set<String> ANTHROPIC_KEYWORDS = union(STRUCTURE, Set.of("pattern", "format", "minItems"));
    private static final Set<String> ANTHROPIC_FORMATS = Set.of("date-time", "time", "date", "duration", "email",
            "hostname", "uri", "ipv4", "ipv6", "uuid");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private AvalonHarness h;

    @BeforeAll
    void open() {
        h = AvalonHarness.inMemory();
    }

    @AfterAll
    void close() {
        h.close();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private JsonNode export(CatalogFormat format) {
        return h.avalon().exportCatalog(format);
    }

    @Nested
    @DisplayName("openai")
    class OpenAi {

        @Test
        @DisplayName("every tool is a strict function whose name matches ^[a-zA-Z0-9_-]{1,64}$")
        void everyToolStrict() {
            JsonNode tools = export(CatalogFormat.OPENAI);
            assertThat(tools).hasSize(h.avalon().catalog().all().size());
            for (JsonNode t : tools) {
                JsonNode fn = t.path("function");
                assertThat(t.path("type").asText()).isEqualTo("function");
                assertThat(fn.path("name").asText()).matches(TOOL_NAME);
                assertThat(fn.path("strict").isBoolean() && fn.path("strict").booleanValue())
                        .as(fn.path("name").asText()).isTrue();
                assertThat(fn.path("description").asText()).isNotBlank();
            }
        }

        @Test
        @DisplayName("parameters: an object root without anyOf, only supported keywords and formats, every object "
                + "closed with every property required, nesting ≤ 10, ≤ 5000 properties, enums ≤ 1000 values")
        void strictRules() {
            int[] properties = {0};
            for (JsonNode t : export(CatalogFormat.OPENAI)) {
                String name = t.path("function").path("name").asText();
                JsonNode p = t.path("function").path("parameters");
                assertThat(p.path("type").asText()).as(name).isEqualTo("object");
                assertThat(p.has("anyOf")).as(name + ": anyOf at the root").isFalse();
                walk(p, name, 0, (schema, where) -> {
                    assertThat(Json.mapper().convertValue(iterable(schema.fieldNames()), List.class))
                            .as(where).allMatch(OPENAI_KEYWORDS::contains);
                    if (schema.has("format")) {
                        assertThat(OPENAI_FORMATS).as(where).contains(schema.get("format").asText());
                    }
                    assertClosed(schema, where, true);
                    assertThat(schema.path("enum").size()).as(where).isLessThanOrEqualTo(1000);
                });
                properties[0] += countProperties(p);
                assertThat(depth(p)).as(name + " nesting").isLessThanOrEqualTo(10);
            }
            assertThat(properties[0]).isLessThanOrEqualTo(5000);
        }

        @Test
        @DisplayName("an optional field is required and nullable; a required one is not nullable")
        void optionalsNullable() {
            JsonNode tools = export(CatalogFormat.OPENAI);
            for (ActionDefinition d : h.avalon().catalog().all()) {
                JsonNode source = d.dataSchema();
                JsonNode exported = tool(tools, d.name()).path("function").path("parameters");
                Set<String> required = new HashSet<>();
                source.path("required").forEach(r -> required.add(r.asText()));
                source.path("properties").fieldNames().forEachRemaining(field -> assertThat(
                        acceptsNull(exported.path("properties").path(field))).as(d.name() + "." + field)
                        .isEqualTo(!required.contains(field)));
            }
        }

        @Test
        @DisplayName("what a strict model writes (every property, null where it has nothing) fits the export and "
                + "Avalon's own schema alike")
        void strictCallsFitBoth() throws Exception {
            JsonNode tools = export(CatalogFormat.OPENAI);
            Map<String, String> calls = Map.of(
                    "finance.allocate_funds", "{\"potjesverdeling\":[{\"pot\":\"sparen\",\"amount\":\"10.00\"}],"
                            + "\"percentages\":null,\"split\":null,\"amount\":null}",
                    "question.answer", "{\"id\":\"Q-1\",\"answer\":\"JA\",\"data\":{\"incomes\":[{\"amount\":\"5.00\","
                            + "\"source\":\"salaris\",\"date\":null,\"note\":null}]}}");
            for (Map.Entry<String, String> call : calls.entrySet()) {
                JsonNode data = Json.parse(call.getValue());
                JsonNode parameters = tool(tools, call.getKey()).path("function").path("parameters");
                assertThat(JsonSchemas.validate(parameters, data, "$.data")).as(call.getKey() + " vs export").isEmpty();
                JsonNode withoutNulls = Json.parse(call.getValue().replaceAll(",\"[a-z]+\":null", ""));
                assertThat(JsonSchemas.validate(h.avalon().catalog().find(call.getKey()).orElseThrow().dataSchema(),
                        withoutNulls, "$.data")).as(call.getKey() + " vs Avalon").isEmpty();
            }
        }

        @Test
        @DisplayName("map-shaped fields are offered as lists of pairs only")
        void pairsForMaps() {
            JsonNode tools = export(CatalogFormat.OPENAI);
            JsonNode allocate = tool(tools, "finance.allocate_funds").path("function").path("parameters");
            assertPairs(allocate.path("properties").path("potjesverdeling"), "pot", "amount");
            assertPairs(allocate.path("properties").path("percentages"), "pot", "percentage");
            assertThat(allocate.path("properties").path("split").path("enum").toString()).contains("DEFAULT");
            JsonNode answerData = tool(tools, "question.answer").path("function").path("parameters")
                    .path("properties").path("data");
            List<String> kinds = new ArrayList<>();
            answerData.path("anyOf").forEach(a -> a.path("properties").fieldNames().forEachRemaining(kinds::add));
            assertThat(kinds).containsExactly("incomes", "potjesverdeling", "sha");
            answerData.path("anyOf").forEach(a -> {
                if (a.path("properties").has("potjesverdeling")) {
                    assertPairs(a.path("properties").path("potjesverdeling"), "pot", "amount");
                }
            });
        }
    }

    @Nested
    @DisplayName("anthropic")
    class Anthropic {

        @Test
        @DisplayName("every tool has name, description, a strict object input_schema, closed objects and only the "
                + "keywords Claude's strict tool use supports")
        void claudeRules() {
            JsonNode tools = export(CatalogFormat.ANTHROPIC);
            assertThat(tools).hasSize(h.avalon().catalog().all().size());
            for (JsonNode t : tools) {
                String name = t.path("name").asText();
                assertThat(name).matches(TOOL_NAME);
                assertThat(Json.mapper().convertValue(iterable(t.fieldNames()), List.class))
                        .containsExactlyInAnyOrder("name", "description", "input_schema", "strict");
                assertThat(t.path("strict").booleanValue()).as(name).isTrue();
                JsonNode input = t.path("input_schema");
                assertThat(input.path("type").asText()).as(name).isEqualTo("object");
                walk(input, name, 0, (schema, where) -> {
                    assertThat(Json.mapper().convertValue(iterable(schema.fieldNames()), List.class))
                            .as(where).allMatch(ANTHROPIC_KEYWORDS::contains);
                    if (schema.has("format")) {
                        assertThat(ANTHROPIC_FORMATS).as(where).contains(schema.get("format").asText());
                    }
                    if (schema.has("minItems")) {
                        assertThat(schema.get("minItems").asInt()).as(where).isBetween(0, 1);
                    }
                    assertClosed(schema, where, false);
                });
            }
            JsonNode allocate = tool(tools, "finance.allocate_funds").path("input_schema");
            assertPairs(allocate.path("properties").path("potjesverdeling"), "pot", "amount");
        }
    }

    @Nested
    @DisplayName("mcp")
    class Mcp {

        @Test
        @DisplayName("the tools/list result validates against the MCP 2025-06-18 Tool schema, and every input and "
                + "output schema is a JSON Schema 2020-12 of type object")
        void mcpToolSchema() throws Exception {
            JsonNode list = export(CatalogFormat.MCP);
            JsonNode spec;
            try (var in = CatalogExportTest.class.getResourceAsStream("/catalog/mcp-tool-2025-06-18.schema.json")) {
                spec = Json.mapper().readTree(in);
            }
            assertThat(JsonSchemas.validate(spec, list, "$")).isEmpty();
            assertThat(list.path("tools")).hasSize(h.avalon().catalog().all().size());
            for (JsonNode t : list.path("tools")) {
                String name = t.path("name").asText();
                assertThat(name).matches(TOOL_NAME);
                assertThat(metaSchemaProblems(t.path("inputSchema"))).as(name).isEmpty();
                assertThat(metaSchemaProblems(t.path("outputSchema"))).as(name).isEmpty();
                assertThat(t.path("annotations").path("readOnlyHint").isBoolean()).as(name).isTrue();
            }
            JsonNode allocate = tool(list.path("tools"), "finance.allocate_funds").path("inputSchema");
            assertThat(allocate.path("properties").path("potjesverdeling").path("type").asText()).isEqualTo("array");
        }

        @Test
        @DisplayName("every action's example validates against its exported inputSchema")
        void examplesValidate() {
            JsonNode list = export(CatalogFormat.MCP);
            for (ActionDefinition d : h.avalon().catalog().all()) {
                JsonNode input = tool(list.path("tools"), d.name()).path("inputSchema");
                assertThat(JsonSchemas.validate(input, d.example(), "$.data")).as(d.name()).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("openapi")
    class OpenApi {

        @Test
        @DisplayName("a real OpenAPI 3.1 parser reads the document without one message")
        void parses() {
            String document = export(CatalogFormat.OPENAPI).toString();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
            assertThat(result.getMessages()).isEmpty();
            assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
            assertThat(result.getOpenAPI().getPaths()).hasSize(h.avalon().catalog().all().size());
            assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKey("ErrorEnvelope");
        }

        @Test
        @DisplayName("the same parser does report a document that breaks the rules, so its silence means something")
        void parserReportsBrokenDocuments() {
            com.fasterxml.jackson.databind.node.ObjectNode broken =
                    (com.fasterxml.jackson.databind.node.ObjectNode) export(CatalogFormat.OPENAPI);
            broken.remove("info");
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("paths").elements().next().path("post"))
                    .remove("responses");
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken.toString(), null, new ParseOptions());
            assertThat(result.getMessages()).anySatisfy(m -> assertThat(m).contains("info"))
                    .anySatisfy(m -> assertThat(m).contains("responses"));
        }

        @Test
        @DisplayName("one POST per action at /v1/actions/<action>, operationId the tool name, data as body, the "
                + "success envelope at 200 and the error envelope at every 4xx")
        void operations() {
            JsonNode doc = export(CatalogFormat.OPENAPI);
            for (ActionDefinition d : h.avalon().catalog().all()) {
                JsonNode op = doc.path("paths").path("/v1/actions/" + d.name()).path("post");
                assertThat(op.path("operationId").asText()).isEqualTo(CatalogExport.toolName(d.name()));
                assertThat(op.path("requestBody").path("content").path("application/json").path("schema")
                        .path("type").asText()).isEqualTo("object");
                JsonNode ok = op.path("responses").path("200").path("content").path("application/json").path("schema");
                assertThat(ok.path("properties").path("ok").path("const").asBoolean()).isTrue();
                assertThat(ok.path("properties").path("data").path("type").asText()).isEqualTo("object");
                for (String status : List.of("400", "403", "404", "409", "429")) {
                    assertThat(op.path("responses").path(status).path("$ref").asText()).as(d.name() + " " + status)
                            .isEqualTo("#/components/responses/Refused");
                }
            }
            JsonNode error = doc.path("components").path("schemas").path("Error");
            assertThat(error.path("required").toString()).contains("code", "message", "details");
        }

        @Test
        @DisplayName("every description and summary is at most 300 characters, and every schema is valid JSON "
                + "Schema 2020-12")
        void descriptionsAndSchemas() {
            JsonNode doc = export(CatalogFormat.OPENAPI);
            List<String> texts = new ArrayList<>();
            collect(doc, texts);
            assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(t.length()).as(t).isLessThanOrEqualTo(300));
            doc.path("paths").fields().forEachRemaining(p -> {
                JsonNode op = p.getValue().path("post");
                assertThat(metaSchemaProblems(op.path("requestBody").path("content").path("application/json")
                        .path("schema"))).as(p.getKey()).isEmpty();
                assertThat(metaSchemaProblems(op.path("responses").path("200").path("content")
                        .path("application/json").path("schema"))).as(p.getKey()).isEmpty();
            });
            doc.path("components").path("schemas").fields().forEachRemaining(s ->
                    assertThat(metaSchemaProblems(s.getValue())).as(s.getKey()).isEmpty());
        }
    }

    @Test
    @DisplayName("a long description is cut at a sentence end, else at a word with an ellipsis")
    void shorten() {
        String sentences = "First sentence is here. " + "x".repeat(10) + " second sentence runs on and on. "
                + "third ".repeat(20);
        String cut = CatalogExport.shorten(sentences, 70);
        assertThat(cut).isEqualTo("First sentence is here. xxxxxxxxxx second sentence runs on and on.");
        String words = "word ".repeat(30).trim();
        String byWord = CatalogExport.shorten(words, 42);
        assertThat(byWord).hasSizeLessThanOrEqualTo(42).endsWith("word…");
        assertThat(CatalogExport.shorten("fits.", 300)).isEqualTo("fits.");
    }

    @Test
    @DisplayName("system.catalog answers every format")
    void everyFormatThroughTheAction() {
        for (CatalogFormat f : CatalogFormat.values()) {
            String wire = f.name().toLowerCase();
            JsonNode data = h.dispatch("system.catalog", "{\"format\":\"" + wire + "\"}").assertOk().data();
            assertThat(data.path("format").asText()).isEqualTo(wire);
            assertThat(data.path("catalog").isEmpty()).as(wire).isFalse();
        }
    }

    @Test
    @DisplayName("the size of each export, in characters and about a quarter as many tokens")
    void sizes() {
        StringBuilder table = new StringBuilder("| format | characters | ~tokens |\n| --- | ---: | ---: |\n");
        for (CatalogFormat f : CatalogFormat.values()) {
            int chars = export(f).toString().length();
            assertThat(chars).as(f.name()).isPositive();
            table.append("| ").append(f.name().toLowerCase()).append(" | ").append(chars).append(" | ")
                    .append(chars / 4).append(" |\n");
        }
        System.out.print(table);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode tool(JsonNode tools, String action) {
        String name = CatalogExport.toolName(action);
        for (JsonNode t : tools) {
            if (name.equals(t.path("name").asText()) || name.equals(t.path("function").path("name").asText())) {
                return t;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /** Calls {@code check} on every schema in the tree. */
    private static void walk(JsonNode schema, String where, int depth, BiConsumer<JsonNode, String> check) {
        if (!schema.isObject()) {
            return;
        }
        check.accept(schema, where);
        schema.path("properties").fields().forEachRemaining(f -> walk(f.getValue(), where + "." + f.getKey(),
                depth + 1, check));
        schema.path("$defs").fields().forEachRemaining(f -> walk(f.getValue(), where + ".$defs." + f.getKey(),
                depth + 1, check));
        walk(schema.path("items"), where + "[]", depth + 1, check);
        schema.path("anyOf").forEach(a -> walk(a, where + "|", depth, check));
    }

    private static void assertClosed(JsonNode schema, String where, boolean everyPropertyRequired) {
        if (!"object".equals(schema.path("type").asText()) && !schema.path("type").toString().contains("object")) {
            return;
        }
        assertThat(schema.path("additionalProperties").isBoolean()
                && !schema.path("additionalProperties").booleanValue()).as(where + " closed").isTrue();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Set<String> properties = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).as(where).containsAll(required);
        if (everyPropertyRequired) {
            assertThat(required).as(where + " required").isEqualTo(properties);
        }
    }

    private static boolean acceptsNull(JsonNode schema) {
        if (schema.path("type").isArray() && schema.path("type").toString().contains("\"null\"")) {
            return !schema.has("enum") || schema.path("enum").toString().contains("null");
        }
        if (schema.has("enum") && !schema.has("type")) {
            return schema.path("enum").toString().contains("null");
        }
        for (JsonNode a : schema.path("anyOf")) {
            if ("null".equals(a.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void assertPairs(JsonNode field, String key, String value) {
        JsonNode array = field;
        if (!field.has("items")) {
            array = null;
            for (JsonNode a : field.path("anyOf")) {
                if (a.has("items")) {
                    array = a;
                }
            }
        }
        assertThat(array).as("a list of pairs in " + field).isNotNull();
        assertThat(array.path("type").toString()).contains("array");
        JsonNode pair = array.path("items");
        assertThat(pair.path("properties").has(key)).isTrue();
        assertThat(pair.path("properties").has(value)).isTrue();
        assertThat(field.toString()).doesNotContain("\"additionalProperties\":{");
    }

    private static int countProperties(JsonNode schema) {
        int[] count = {0};
        walk(schema, "", 0, (s, w) -> count[0] += s.path("properties").size());
        return count[0];
    }

    private static int depth(JsonNode schema) {
        if (!schema.isObject()) {
            return 0;
        }
        int deepest = 0;
        for (Iterator<JsonNode> it = schema.path("properties").elements(); it.hasNext(); ) {
            deepest = Math.max(deepest, depth(it.next()));
        }
        deepest = Math.max(deepest, depth(schema.path("items")));
        for (JsonNode a : schema.path("anyOf")) {
            deepest = Math.max(deepest, depth(a) - 1);
        }
        return schema.has("properties") || schema.has("items") ? deepest + 1 : deepest;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if ((f.getKey().equals("description") || f.getKey().equals("summary")) && f.getValue().isTextual()) {
                    texts.add(f.getValue().textValue());
                } else {
                    collect(f.getValue(), texts);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, texts));
        }
    }

    private static final JsonSchema META = SCHEMAS.getSchema(
            SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    /** What the JSON Schema 2020-12 meta-schema finds wrong with {@code schema}; empty when valid. */
    private static List<String> metaSchemaProblems(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        META.validate(schema).forEach(m -> problems.add(m.getMessage()));
        if (!schema.isObject()) {
            problems.add("not a schema object");
        }
        return problems;
    }
}
