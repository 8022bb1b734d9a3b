package dev.avalon.testkit.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Alerts are kept, deduplicated, listed and acknowledged; a CRITICAL one freezes the brain")
class AlertsTest {

    /** An engine whose one action raises the alert its data describes, about a job named in the data. */
    static Feature raiser() {
        JsonNode spec = parse("""
                {"description":"Raises an alert.","scope":"test:write","effect":"WRITE",
                 "data":{"type":"object","additionalProperties":false,"required":["level","code","job"],
                         "properties":{"level":{"enum":["INFO","IMPORTANT","CRITICAL"]},"code":{"type":"string"},
                                       "job":{"type":"string"}}},
                 "result":{"type":"object","properties":{}},
                 "example":{"level":"INFO","code":"X","job":"j"}}""");
        ActionDefinition def = ActionDefinition.fromSpec("test.raise", spec, ctx -> {
            JsonNode d = ctx.data();
            String job = d.path("job").asText();
            return Outcome.builder(Json.object()).alert(new Alert(AlertLevel.valueOf(d.path("level").asText()),
                    d.path("code").asText(), "Job " + job + " failed.", ctx.now(),
                    Map.of("job", job, "attempt", ctx.traceId()))).build();
        });
        return new Feature() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<ActionDefinition> actions() {
                return List.of(def);
            }
        };
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AvalonHarness open(InMemoryBrainStore store, MutableClock clock) {
        return AvalonHarness.on(store, clock, b -> b.feature(raiser()));
    }

    private static ObjectNode raise(String level, String code, String job) {
        return data("level", level, "code", code, "job", job);
    }

    @Test
    @DisplayName("the same code about the same subject twice is one alert with count 2 and first/last seen")
    void sameCodeAndSubjectCountUp() throws Exception {
        InMemoryBrainStore store = new InMemoryBrainStore();
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        try (AvalonHarness h = open(store, clock)) {
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "weekclose")).assertOk();
            clock.plus(Duration.ofMinutes(5));
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "weekclose")).assertOk();
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "finance-check")).assertOk();

            // the push channel still gets every occurrence
            assertThat(h.alerts().all()).hasSize(3);
            JsonNode list = h.dispatch("alert.list", "{}").assertOk().data();
            assertThat(list.path("total").asInt()).isEqualTo(2);
            JsonNode weekclose = list.path("alerts").get(1);
            assertThat(weekclose.path("subject").asText()).isEqualTo("job=weekclose");
            assertThat(weekclose.path("count").asInt()).isEqualTo(2);
            assertThat(weekclose.path("firstSeen").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
            assertThat(weekclose.path("lastSeen").asText()).isEqualTo("2026-11-23T08:05:00+01:00");
            assertThat(weekclose.path("acknowledged").asBoolean()).isFalse();
            assertThat(list.path("alerts").get(0).path("subject").asText()).isEqualTo("job=finance-check");
            assertThat(list.path("alerts").get(0).path("count").asInt()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("alerts the kernel raises outside an outcome (a failing subscriber) are kept and counted too")
    void kernelAlertsAreKept() throws Exception {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.feature(raiser()).listener(e -> {
                    if (e.name().equals("alert.raised")) {
                        throw new IllegalStateException("listener down");
                    }
                }))) {
            h.dispatch("test.raise", raise("INFO", "NOTE", "a")).assertOk();
            h.dispatch("test.raise", raise("INFO", "NOTE", "a")).assertOk();

            JsonNode failed = h.dispatch("alert.list", data("level", "IMPORTANT")).assertOk().data().path("alerts");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).path("code").asText()).isEqualTo("EVENT_SUBSCRIBER_FAILED");
            assertThat(failed.get(0).path("subject").asText()).startsWith("subscriber=");
            assertThat(failed.get(0).path("count").asInt()).isEqualTo(2);
            assertThat(h.alerts().all()).extracting(Alert::code).containsExactly("NOTE", "EVENT_SUBSCRIBER_FAILED",
                    "NOTE", "EVENT_SUBSCRIBER_FAILED");
        }
    }

    @Test
    @DisplayName("list filters by level and acknowledged, newest first, and pages with limit and offset")
    void listFiltersAndPages() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        try (AvalonHarness h = open(new InMemoryBrainStore(), clock)) {
            for (String job : List.of("a", "b", "c")) {
                h.dispatch("test.raise", raise("INFO", "NOTE", job)).assertOk();
                clock.plus(Duration.ofMinutes(1));
            }
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "d")).assertOk();

            JsonNode first = h.dispatch("alert.list", data("level", "INFO", "limit", 2)).assertOk().data();
            assertThat(first.path("total").asInt()).isEqualTo(3);
            assertThat(first.path("alerts")).extracting(a -> a.path("subject").asText())
                    .containsExactly("job=c", "job=b");
            assertThat(first.path("nextOffset").asInt()).isEqualTo(2);
            JsonNode second = h.dispatch("alert.list", data("level", "INFO", "limit", 2, "offset", 2)).assertOk().data();
            assertThat(second.path("alerts")).extracting(a -> a.path("subject").asText()).containsExactly("job=a");
            assertThat(second.path("nextOffset").isNull()).isTrue();

            JsonNode important = h.dispatch("alert.list", data("level", "IMPORTANT")).assertOk().data();
            assertThat(important.path("alerts")).extracting(a -> a.path("code").asText()).containsExactly("JOB_FAILED");
        }
    }

    @Test
    @DisplayName("ack round trip: acknowledged alerts are listed as such, audited, and a repeat starts a new alert")
    void ackRoundTrip() throws Exception {
        try (AvalonHarness h = open(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"))) {
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "weekclose")).assertOk();
            String id = h.dispatch("alert.list", "{}").assertOk().data().path("alerts").get(0).path("id").asText();

            JsonNode acked = h.dispatch("alert.ack", data("id", id)).assertOk().data();
            assertThat(acked.path("changed").asBoolean()).isTrue();
            assertThat(acked.path("alert").path("acknowledged").asBoolean()).isTrue();
            assertThat(acked.path("alert").path("acknowledgedAt").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
            assertThat(h.dispatch("alert.ack", data("id", id)).assertOk().data().path("changed").asBoolean()).isFalse();

            assertThat(h.dispatch("alert.list", data("acknowledged", false)).assertOk().data().path("total").asInt())
                    .isZero();
            JsonNode done = h.dispatch("alert.list", data("acknowledged", true)).assertOk().data().path("alerts");
            assertThat(done).extracting(a -> a.path("id").asText()).containsExactly(id);
            h.dispatch("audit.verify", "{}").assertOk();
            assertThat(auditTypes(h)).containsOnlyOnce("alert.acknowledged");

            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "weekclose")).assertOk();
            JsonNode open = h.dispatch("alert.list", data("acknowledged", false)).assertOk().data().path("alerts");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).path("id").asText()).isNotEqualTo(id);
            assertThat(open.get(0).path("count").asInt()).isEqualTo(1);
        }
    }

    private static List<String> auditTypes(AvalonHarness h) {
        return h.snapshot().files().entrySet().stream().filter(e -> e.getKey().startsWith("audit/"))
                .flatMap(e -> h.store().read(dev.avalon.core.port.BrainPath.of(e.getKey())).stream())
                .flatMap(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines())
                .map(line -> parse(line).path("type").asText()).toList();
    }

    @Test
    @DisplayName("acknowledging an unknown id is NOT_FOUND naming the field, and changes nothing")
    void ackUnknownIsNotFound() throws Exception {
        try (AvalonHarness h = open(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"))) {
            h.dispatch("test.raise", raise("INFO", "NOTE", "a")).assertOk();
            AvalonHarness.Snapshot before = h.snapshot();
            AvalonHarness.Response r = h.dispatch("alert.ack", data("id", "AL-999")).assertRejected(ErrorCode.NOT_FOUND);
            assertThat(r.rejected().error().details()).extracting(v -> v.path()).containsExactly("$.data.id");
            h.assertUnchangedSince(before);
        }
    }

    @Test
    @DisplayName("alerts survive reopening the brain, counts and acknowledgements included")
    void alertsSurviveReopen() throws Exception {
        InMemoryBrainStore store = new InMemoryBrainStore();
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        String id;
        try (AvalonHarness h = open(store, clock)) {
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "weekclose")).assertOk();
            h.dispatch("test.raise", raise("IMPORTANT", "JOB_FAILED", "weekclose")).assertOk();
            h.dispatch("test.raise", raise("INFO", "NOTE", "a")).assertOk();
            id = h.dispatch("alert.list", data("level", "INFO")).assertOk().data().path("alerts").get(0)
                    .path("id").asText();
            h.dispatch("alert.ack", data("id", id)).assertOk();
        }
        try (AvalonHarness h = open(store.reopen(), clock)) {
            JsonNode list = h.dispatch("alert.list", "{}").assertOk().data().path("alerts");
            assertThat(list).hasSize(2);
            JsonNode failed = h.dispatch("alert.list", data("level", "IMPORTANT")).assertOk().data().path("alerts").get(0);
            assertThat(failed.path("count").asInt()).isEqualTo(2);
            JsonNode note = h.dispatch("alert.list", data("level", "INFO")).assertOk().data().path("alerts").get(0);
            assertThat(note.path("id").asText()).isEqualTo(id);
            assertThat(note.path("acknowledged").asBoolean()).isTrue();
            // the counter survives too: a new alert gets a new id
            h.dispatch("test.raise", raise("INFO", "NOTE", "b")).assertOk();
            assertThat(h.dispatch("alert.list", data("limit", 1)).assertOk().data().path("alerts").get(0)
                    .path("id").asText()).isEqualTo("AL-3");
        }
    }

    @Test
    @DisplayName("a CRITICAL alert from an engine enters DR; it is listed and can be acknowledged there")
    void criticalEntersDr() throws Exception {
        try (AvalonHarness h = open(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"))) {
            AvalonHarness.Response r = h.dispatch("test.raise", raise("CRITICAL", "PIPELINE_BROKEN", "ics")).assertOk();
            assertThat(r.json().path("alerts").get(0).path("code").asText()).isEqualTo("PIPELINE_BROKEN");
            assertThat(r.ask(0).path("kind").asText()).isEqualTo("DR_RESOLUTION");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).extracting(Alert::code).containsExactly("PIPELINE_BROKEN");

            JsonNode status = h.dispatch("governance.status", "{}").assertOk().data();
            assertThat(status.path("state").asText()).isEqualTo("STATE_DR");
            JsonNode dr = h.dispatch("dr.status", "{}").assertOk().data();
            assertThat(dr.path("trigger").path("code").asText()).isEqualTo("PIPELINE_BROKEN");
            h.dispatch("test.raise", raise("INFO", "NOTE", "a")).assertRejected(ErrorCode.DR_ACTIVE);
            // the scheduler is suspended while frozen
            assertThat(h.tickTo("2026-11-23T17:00:00+01:00").report().suspended()).isPresent();

            JsonNode critical = h.dispatch("alert.list", data("level", "CRITICAL")).assertOk().data().path("alerts");
            assertThat(critical).hasSize(1);
            h.dispatch("alert.ack", data("id", critical.get(0).path("id").asText())).assertOk();
            assertThat(h.dispatch("governance.status", "{}").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_DR");
        }
    }
}
