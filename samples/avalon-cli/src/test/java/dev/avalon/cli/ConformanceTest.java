package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite (docs/CONFORMANCE.md): everyday requests written as the exact tool calls a
 * model in OpenAI strict mode produces from {@code avalon catalog --format openai} — every property
 * present, {@code null} for what it leaves out, offsets on times, maps as lists of pairs, ids copied from
 * earlier answers — replayed through {@code avalon run}. Each call must validate against the exported
 * tool and succeed on the first try.
 */
@DisplayName("Conformance: everyday requests as a strict model sends them succeed on the first call")
class ConformanceTest {

    /** {@code "{{step/json/pointer}}"}: the value at that pointer of an earlier step's answer. */
    private static final Pattern REFERENCE = Pattern.compile("^\\{\\{([a-z0-9-]+)(/[^}]*)}}$");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("every call of conformance/everyday.json validates against the strict export and succeeds")
    void everydayRequests() throws Exception {
        JsonNode suite = resource("conformance/everyday.json");
        Map<String, JsonNode> tools = strictTools();
        List<JsonNode> steps = new ArrayList<>();
        suite.path("steps").forEach(steps::add);
        assertThat(steps).as("at least 30 everyday requests").hasSizeGreaterThanOrEqualTo(30);

        Map<String, JsonNode> answers = new HashMap<>();
        List<String> failures = new ArrayList<>();
        try (JsonLinesSession session = new JsonLinesSession("run", "--brain", tmp.resolve("brain").toString(),
                "--clock", suite.path("clock").asText(), "--zone", suite.path("zone").asText())) {
            for (JsonNode step : steps) {
                String id = step.path("id").asText();
                String tool = step.path("tool").asText();
                JsonNode parameters = tools.get(tool);
                assertThat(parameters).as("%s: tool %s is exported", id, tool).isNotNull();
                JsonNode arguments;
                try {
                    arguments = resolve(step.path("arguments"), answers, id);
                } catch (AssertionError e) {
                    failures.add(id + ": " + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                List<String> problems = strictProblems(parameters, arguments);
                if (!problems.isEmpty()) {
                    failures.add(id + ": the call is not what strict mode sends: " + problems);
                    continue;
                }
                ObjectNode envelope = Json.object();
                envelope.put("action", CatalogExport.actionName(tool));
                envelope.set("data", arguments);
                JsonNode answer = session.send(CanonicalJson.string(envelope));
                answers.put(id, answer);
                if (!answer.path("ok").asBoolean()) {
                    failures.add(id + " (" + step.path("say").asText() + "): " + answer.path("error"));
                    continue;
                }
                expectations(step, answer, answers, failures);
            }
            assertThat(session.finish()).isZero();
        }
        // every answer, for whoever reads a failure: target/conformance-answers.jsonl
        StringBuilder log = new StringBuilder();
        for (JsonNode step : steps) {
            JsonNode answer = answers.get(step.path("id").asText());
            log.append(step.path("id").asText()).append('\t').append(answer == null ? "-" : CanonicalJson.string(answer))
                    .append('\n');
        }
        java.nio.file.Files.writeString(Path.of("target", "conformance-answers.jsonl"), log.toString());
        // every date-time any answer carried goes back into any action that takes one: all of them share
        // one schema pattern and one reader
        List<String> times = new ArrayList<>();
        answers.values().forEach(a -> dateTimes(a, times));
        assertThat(times).as("date-times in the answers").hasSizeGreaterThan(100);
        java.time.ZoneId zone = java.time.ZoneId.of(suite.path("zone").asText());
        for (String t : times) {
            assertThat(t).as("a date-time an answer wrote").matches(dev.avalon.core.time.DateTimeInput.PATTERN);
            assertThat(dev.avalon.core.time.DateTimeInput.read(t, zone))
                    .as("%s, written by an answer, is read back", t)
                    .isInstanceOf(dev.avalon.core.time.DateTimeInput.Resolved.class);
        }
        assertThat(failures).as("calls that did not succeed on the first try").isEmpty();
    }

    private static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");

    /** Every string in {@code node} that has the shape of a date-time. */
    private static void dateTimes(JsonNode node, List<String> out) {
        if (node.isTextual() && DATE_TIME.matcher(node.textValue()).matches()) {
            out.add(node.textValue());
        }
        node.forEach(child -> dateTimes(child, out));
    }

    /** The {@code parameters} of every exported tool, by name; every tool must be strict. */
    private static Map<String, JsonNode> strictTools() {
        Cli.Execution export = Cli.execute("catalog", "--format", "openai");
        assertThat(export.exitCode()).as(export.err()).isZero();
        Map<String, JsonNode> tools = new LinkedHashMap<>();
        for (JsonNode tool : Cli.parse(export.out())) {
            JsonNode fn = tool.path("function");
            tools.put(fn.path("name").asText(), fn.path("parameters"));
        }
        return tools;
    }

    /**
     * What keeps {@code arguments} from being a strict-mode call of the tool: a schema violation, or a
     * property left out (strict mode makes every property required, with {@code null} for "none").
     */
    private static List<String> strictProblems(JsonNode parameters, JsonNode arguments) {
        List<String> problems = new ArrayList<>();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(parameters);
        for (ValidationMessage m : schema.validate(arguments)) {
            problems.add(m.getMessage());
        }
        missing(parameters, arguments, "$", problems);
        return problems;
    }

    private static void missing(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isObject() && schema.has("properties")) {
            schema.path("properties").fieldNames().forEachRemaining(name -> {
                if (!value.has(name)) {
                    problems.add(at + "." + name + " is left out (strict mode sends null)");
                } else {
                    missing(schema.path("properties").path(name), value.get(name), at + "." + name, problems);
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                missing(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
        for (JsonNode alternative : schema.path("anyOf")) {
            if (alternative.has("properties") && value.isObject()) {
                List<String> mine = new ArrayList<>();
                missing(alternative, value, at, mine);
                if (mine.isEmpty()) {
                    return;
                }
            }
        }
    }

    /** Checks {@code expect} ({@code {pointer: text}}) and {@code expectAsked} (the answer raised a question). */
    private static void expectations(JsonNode step, JsonNode answer, Map<String, JsonNode> answers,
                                     List<String> failures) {
        String id = step.path("id").asText();
        Iterator<Map.Entry<String, JsonNode>> expected = step.path("expect").fields();
        while (expected.hasNext()) {
            Map.Entry<String, JsonNode> e = expected.next();
            JsonNode want = resolve(e.getValue(), answers, id);
            JsonNode got = answer.at(e.getKey());
            boolean same = want.isTextual() ? want.asText().equals(got.asText()) : want.equals(got);
            if (!same) {
                failures.add(id + ": " + e.getKey() + " is " + got + ", expected " + want);
            }
        }
        if (step.path("expectAsked").asBoolean(false) && answer.path("ask").isEmpty()) {
            failures.add(id + ": expected a question in ask, got " + answer);
        }
    }

    /** {@code template} with every {@code "{{step/pointer}}"} string replaced by that answer's value. */
    private static JsonNode resolve(JsonNode template, Map<String, JsonNode> answers, String at) {
        if (template.isTextual()) {
            Matcher m = REFERENCE.matcher(template.textValue());
            if (!m.matches()) {
                return template;
            }
            JsonNode answer = answers.get(m.group(1));
            assertThat(answer).as("%s refers to step %s, which has no answer", at, m.group(1)).isNotNull();
            JsonNode value = answer.at(m.group(2));
            assertThat(value.isMissingNode()).as("%s: %s has nothing at %s: %s", at, m.group(1), m.group(2), answer)
                    .isFalse();
            return value.deepCopy();
        }
        if (template.isObject()) {
            ObjectNode out = Json.object();
            template.fields().forEachRemaining(f -> out.set(f.getKey(), resolve(f.getValue(), answers, at)));
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            template.forEach(v -> out.add(resolve(v, answers, at)));
            return out;
        }
        return template;
    }

    @Test
    @DisplayName("every step of the suite names a tool call and what the user said")
    void suiteIsWellFormed() throws IOException {
        JsonNode suite = resource("conformance/everyday.json");
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode step : suite.path("steps")) {
            assertThat(ids.add(step.path("id").asText())).as("unique id %s", step.path("id")).isTrue();
            assertThat(step.path("say").asText()).as(step.path("id").asText()).isNotBlank();
            assertThat(step.path("arguments").isObject()).as(step.path("id").asText()).isTrue();
        }
    }

    private JsonNode resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return Json.mapper().readTree(in);
        }
    }
}
