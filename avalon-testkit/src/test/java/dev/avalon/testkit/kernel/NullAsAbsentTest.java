package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Null means absent, over the whole catalogue: for every action and every optional field (top level
 * and one object level down), the action's example with that field sent as {@code null} gets the same
 * answer, on a fresh brain, as the example without it.
 */
@DisplayName("A field sent as null is a field left out")
class NullAsAbsentTest {

    /** One optional field of one action: {@code parent} is empty for a top-level field. */
    record Case(String action, String parent, String field) {
        @Override
        public String toString() {
            return action + " " + (parent.isEmpty() ? "" : parent + ".") + field;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            for (ActionDefinition def : h.avalon().catalog().all()) {
                JsonNode schema = def.dataSchema();
                optional(schema).forEach(f -> cases.add(new Case(def.name(), "", f)));
                schema.path("properties").fields().forEachRemaining(p -> {
                    if (p.getValue().has("properties") && def.example().path(p.getKey()).isObject()) {
                        optional(p.getValue()).forEach(f -> cases.add(new Case(def.name(), p.getKey(), f)));
                    }
                });
            }
        }
        return cases;
    }

    private static List<String> optional(JsonNode objectSchema) {
        Set<String> required = new HashSet<>();
        objectSchema.path("required").forEach(r -> required.add(r.asText()));
        List<String> out = new ArrayList<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(n -> {
            if (!required.contains(n)) {
                out.add(n);
            }
        });
        return out;
    }

    @TestFactory
    Stream<DynamicTest> sameAnswerAsLeftOut() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    @DisplayName("the catalogue has optional fields to check (the factory is not vacuous)")
    void notVacuous() {
        assertThat(cases()).hasSizeGreaterThan(50)
                .anySatisfy(c -> assertThat(c.toString()).isEqualTo("behaviour.propose_patch patch.before"));
    }

    @Test
    @DisplayName("a strict call of a timed event, every optional field null, creates it")
    void strictCreateEvent() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            ObjectNode call = data("title", "Overleg", "domain", "PRIVE", "start", "2026-11-24T10:00:00",
                    "end", "2026-11-24T11:00:00");
            h.avalon().catalog().find("calendar.create_event").orElseThrow().dataSchema().path("properties")
                    .fieldNames().forEachRemaining(f -> {
                        if (!call.has(f)) {
                            call.putNull(f);
                        }
                    });
            h.dispatch("calendar.create_event", call).assertOk();
        }
    }

    private static void check(Case c) {
        ObjectNode without;
        ObjectNode withNull;
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            ActionDefinition def = h.avalon().catalog().find(c.action()).orElseThrow();
            without = def.example().deepCopy();
            withNull = def.example().deepCopy();
        }
        if (c.parent().isEmpty()) {
            without.remove(c.field());
            withNull.putNull(c.field());
        } else {
            ((ObjectNode) without.get(c.parent())).remove(c.field());
            ((ObjectNode) withNull.get(c.parent())).putNull(c.field());
        }
        assertThat(answer(c.action(), withNull)).as("%s sent as null", c).isEqualTo(answer(c.action(), without));
    }

    private static JsonNode answer(String action, ObjectNode data) {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            ObjectNode json = h.dispatch(action, data).json().deepCopy();
            json.remove("durationMs");
            return json;
        }
    }
}
