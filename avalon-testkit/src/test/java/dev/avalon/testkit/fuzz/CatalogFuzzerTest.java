package dev.avalon.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.json.Json;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.testkit.harness.AvalonHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogFuzzerTest {

    private static final String SEED = "20261206";
    private static final ActionCatalog CATALOG = catalog();
    private static final CatalogFuzzer FUZZER = CatalogFuzzer.of(CATALOG, FieldHints.none());

    /** Resolves placeholders the same way every time: ids that name nothing, times from a fixed now. */
    private static final Bindings FIXED = new Bindings() {
        @Override
        public String ref(String kind, int pick) {
            return kind + "-" + String.format("%04d", pick + 1);
        }

        @Override
        public String time(long minutes, TimeShape shape) {
            var at = java.time.ZonedDateTime.parse("2026-11-23T08:00:00+01:00[Europe/Amsterdam]").plusMinutes(minutes);
            return switch (shape) {
                case OFFSET -> at.toOffsetDateTime().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                case LOCAL -> at.toLocalDateTime().withSecond(0).toString();
                case DATE -> at.toLocalDate().toString();
                case WEEK -> String.format("%d-W%02d", at.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                        at.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            };
        }
    };

    @Property(tries = 400, seed = SEED)
    void aValidRequestIsAnEnvelopeWhoseDataMatchesTheActionSchema(@ForAll("valid") FuzzRequest request)
            throws Exception {
        JsonNode envelope = Json.parse(request.resolve(FIXED));
        ActionDefinition definition = CATALOG.find(request.action()).orElseThrow();

        assertThat(envelope.path("action").asText()).isEqualTo(request.action());
        assertThat(JsonSchemas.validate(definition.dataSchema(), envelope.path("data"), "$.data"))
                .as("violations of %s", request).isEmpty();
        assertThat(envelope.path("meta").path("confirm").asBoolean(false)).isEqualTo(definition.highRisk());
        assertThat(request.mix()).isEqualTo(Mix.VALID);
    }

    @Property(tries = 300, seed = SEED)
    void aBoundaryRequestIsJsonWithOneEdgeValueAtANamedField(@ForAll("boundary") FuzzRequest request)
            throws Exception {
        JsonNode envelope = Json.parse(request.resolve(FIXED));

        assertThat(envelope.path("action").asText()).isEqualTo(request.action());
        assertThat(envelope.path("data").isObject()).isTrue();
        assertThat(request.inputClass()).matches("boundary:(no-fields|[a-z0-9-]+@/.*)");
    }

    @Property(tries = 400, seed = SEED)
    void aHostileRequestCarriesItsHostileValueAsRawText(@ForAll("hostile") FuzzRequest request) {
        assertThat(request.inputClass()).startsWith("hostile:");
        Optional<HostileValue> value = Arrays.stream(HostileValue.values())
                .filter(v -> request.inputClass().startsWith("hostile:" + v.label() + "@")).findFirst();
        value.ifPresent(v -> assertThat(request.template()).contains(v.raw()));
        if (value.isEmpty()) {
            // the envelope itself is the hostile part
            assertThat(request.inputClass()).doesNotContain("@");
        }
    }

    @Example
    void hostileValuesIncludeWhatNoJsonLibraryWrites() {
        assertThat(HostileValue.LONE_HIGH_SURROGATE.raw()).isEqualTo("\"\\ud800\"");
        assertThat(HostileValue.HUGE_EXPONENT.raw()).isEqualTo("1e400");
        assertThat(HostileValue.BEYOND_LONG.raw()).isEqualTo("1.8446744073709551617e19");
        assertThat(HostileValue.LONE_HIGH_SURROGATE.label()).isEqualTo("lone-high-surrogate");
    }

    @Property(tries = 100, seed = SEED)
    void aFieldHintWinsOverTheSchemaAndAnAbsentFieldIsLeftOut(@ForAll("hinted") FuzzRequest request)
            throws Exception {
        JsonNode data = Json.parse(request.resolve(FIXED)).path("data");

        assertThat(data.path("domein").asText()).isIn("VSB", "WERK");
        assertThat(data.has("date")).isFalse();
        assertThat(data.path("stress").asInt()).isEqualTo(5);
    }

    @Example
    void placeholdersAreResolvedByTheBindings() {
        String template = "{\"id\":\"" + Placeholders.ref("EV", 2) + "\",\"due\":\""
                + Placeholders.time(90, Bindings.TimeShape.OFFSET) + "\",\"week\":\""
                + Placeholders.time(-7 * 24 * 60, Bindings.TimeShape.WEEK) + "\"}";

        assertThat(Placeholders.resolve(template, FIXED))
                .isEqualTo("{\"id\":\"EV-0003\",\"due\":\"2026-11-23T09:30:00+01:00\",\"week\":\"2026-W47\"}");
    }

    @Example
    void everyActionOfTheCatalogueIsFuzzed() {
        assertThat(FUZZER.actions()).containsExactlyInAnyOrderElementsOf(CATALOG.names());
    }

    @Provide
    Arbitrary<FuzzRequest> valid() {
        return FUZZER.requests(Mix.VALID);
    }

    @Provide
    Arbitrary<FuzzRequest> boundary() {
        return FUZZER.requests(Mix.BOUNDARY);
    }

    @Provide
    Arbitrary<FuzzRequest> hostile() {
        return FUZZER.requests(Mix.HOSTILE);
    }

    @Provide
    Arbitrary<FuzzRequest> hinted() {
        FieldHints hints = FieldHints.none().name("domein", Arbitraries.of("VSB", "WERK"))
                .absent("logbook.add_daily_entry", "/date")
                .field("logbook.add_daily_entry", "/stress", Arbitraries.just(5));
        return CatalogFuzzer.of(CATALOG, hints).valid("logbook.add_daily_entry");
    }

    private static ActionCatalog catalog() {
        try (AvalonHarness harness = AvalonHarness.inMemory()) {
            return harness.avalon().catalog();
        }
    }
}
