package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionHandler;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.ReadLimits;
import dev.avalon.core.schema.JsonSchemas;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("What every Avalon builds alike is built once per process")
class SchemaSharingTest {

    private static final ActionHandler NOTHING = ctx -> Outcome.of(Json.object());

    @Test
    @DisplayName("two validation steps built from the same catalogue share each compiled schema")
    void sameContractSameCompiledSchema() {
        SchemaValidationInterceptor first = new SchemaValidationInterceptor(List.of(
                ActionDefinition.fromResource("behaviour.get", NOTHING),
                ActionDefinition.fromResource("logbook.add_daily_entry", NOTHING)));
        SchemaValidationInterceptor second = new SchemaValidationInterceptor(List.of(
                ActionDefinition.fromResource("behaviour.get", NOTHING),
                ActionDefinition.fromResource("logbook.add_daily_entry", NOTHING)));

        assertThat(second.schemaOf("behaviour.get")).isSameAs(first.schemaOf("behaviour.get"));
        assertThat(second.schemaOf("logbook.add_daily_entry")).isSameAs(first.schemaOf("logbook.add_daily_entry"));
        assertThat(first.schemaOf("behaviour.get")).isNotSameAs(first.schemaOf("logbook.add_daily_entry"));
    }

    @Test
    @DisplayName("one name with two schemas keeps two compiled schemas, each validating as its own")
    void sameNameOtherSchemaIsNotMixedUp() {
        SchemaValidationInterceptor wantsText = new SchemaValidationInterceptor(List.of(
                ActionDefinition.fromSpec("demo.echo", spec("text", "string"), NOTHING)));
        SchemaValidationInterceptor wantsCount = new SchemaValidationInterceptor(List.of(
                ActionDefinition.fromSpec("demo.echo", spec("count", "integer"), NOTHING)));
        JsonNode text = parse("{\"text\":\"hallo\"}");
        JsonNode count = parse("{\"count\":3}");

        assertThat(wantsCount.schemaOf("demo.echo")).isNotSameAs(wantsText.schemaOf("demo.echo"));
        assertThat(wantsText.schemaOf("demo.echo").validate(text, "$.data")).isEmpty();
        assertThat(wantsText.schemaOf("demo.echo").validate(count, "$.data"))
                .extracting(v -> v.path()).contains("$.data.text", "$.data.count");
        assertThat(wantsCount.schemaOf("demo.echo").validate(count, "$.data")).isEmpty();
        assertThat(wantsCount.schemaOf("demo.echo").validate(text, "$.data"))
                .extracting(v -> v.path()).contains("$.data.count", "$.data.text");
    }

    @Test
    @DisplayName("schemas that differ only in field order are not shared: the order shows in what a refusal lists")
    void fieldOrderCounts() {
        JsonNode ab = parse("{\"type\":\"object\",\"properties\":{\"a\":{},\"b\":{}},\"additionalProperties\":false}");
        JsonNode ba = parse("{\"type\":\"object\",\"properties\":{\"b\":{},\"a\":{}},\"additionalProperties\":false}");

        assertThat(JsonSchemas.compile(ab)).isSameAs(JsonSchemas.compile(ab.deepCopy()));
        assertThat(JsonSchemas.compile(ba)).isNotSameAs(JsonSchemas.compile(ab));
        assertThat(JsonSchemas.compile(ba).validate(parse("{\"c\":1}"), "$").get(0).problem())
                .endsWith("known fields: b, a");
    }

    @Test
    @DisplayName("a schema changed after compiling does not change the shared compiled schema")
    void callerCopyIsNotShared() {
        ObjectNode schema = (ObjectNode) parse("{\"type\":\"object\",\"required\":[\"x\"]}");
        JsonSchemas.Compiled compiled = JsonSchemas.compile(schema);
        schema.putArray("required").add("y");

        assertThat(compiled.validate(parse("{\"x\":1}"), "$")).isEmpty();
        assertThat(JsonSchemas.compile(parse("{\"type\":\"object\",\"required\":[\"x\"]}"))).isSameAs(compiled);
    }

    @Test
    @DisplayName("every Avalon with the same read limits parses with one mapper")
    void oneMapperPerLimits() {
        EnvelopeParser first = new EnvelopeParser(ReadLimits.defaults());
        EnvelopeParser second = new EnvelopeParser(ReadLimits.defaults());
        EnvelopeParser tighter = new EnvelopeParser(new ReadLimits(1024, 4, 64, 10, 32));

        assertThat(second.mapper()).isSameAs(first.mapper());
        assertThat(tighter.mapper()).isNotSameAs(first.mapper());
        assertThat(tighter.parse("{\"action\":\"behaviour.get\",\"data\":{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).error()).isNotNull();
        assertThat(first.parse("{\"action\":\"behaviour.get\",\"data\":{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).error()).isNull();
    }

    private static JsonNode spec(String field, String type) {
        return parse("""
                {"description":"Echoes its data.","scope":"system:read","effect":"READ",
                 "data":{"type":"object","additionalProperties":false,"required":["%s"],
                         "properties":{"%s":{"type":"%s"}}},
                 "result":{"type":"object"},"example":{}}""".formatted(field, field, type));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
