package dev.avalon.testkit.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.time.DateTimeOutput;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/** The one time convention, over the actions that take and return date-times, through {@code Avalon.handle}. */
class TimeConventionProperties {

    private static final Pattern DATE_TIME = Pattern.compile(DateTimeInput.PATTERN);
    private static final ZoneId USER = ZoneId.of("Europe/Amsterdam");

    private static AvalonHarness harness() {
        // hundreds of actions in a second: the per-minute limit (real time) is switched off
        return AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    /** An event's start as a local time in its zone, with a length; never in a DST gap or repeated hour. */
    record Slot(LocalDateTime start, ZoneId zone, int minutes, boolean weekly) {
        ZonedDateTime at() {
            return start.atZone(zone);
        }
    }

    @Provide
    Arbitrary<Slot> slots() {
        Arbitrary<LocalDateTime> starts = Arbitraries.integers().between(1, 400)
                .flatMap(day -> Arbitraries.integers().between(0, 24 * 4 - 1)
                        .map(q -> LocalDateTime.of(2026, 11, 23, 0, 0).plusDays(day).plusMinutes(15L * q)));
        Arbitrary<ZoneId> zones = Arbitraries.of("Europe/Amsterdam", "America/New_York", "UTC", "Asia/Kolkata",
                "Australia/Sydney").map(ZoneId::of);
        return Combinators.combine(starts, zones, Arbitraries.integers().between(15, 240), Arbitraries.of(true, false))
                .as(Slot::new)
                .filter(s -> s.zone().getRules().getValidOffsets(s.start()).size() == 1);
    }

    @Property(tries = 8)
    @Label("every date-time any action returns is accepted by every action that takes one")
    void everyAnswerIsAcceptedEverywhere(@ForAll("slots") Slot one, @ForAll("slots") Slot two) {
        try (AvalonHarness h = harness()) {
            List<JsonNode> answers = new ArrayList<>();
            for (Slot s : List.of(one, two)) {
                ObjectNode event = data("title", "Overleg", "domain", "VSB", "zone", s.zone().getId(),
                        "start", s.start().toString(), "end", s.start().plusMinutes(s.minutes()).toString());
                if (s.weekly()) {
                    event.set("recurrence", data("freq", "WEEKLY", "count", 3));
                }
                answers.add(h.dispatch("calendar.create_event", event).assertOk().data());
            }
            // the same time as the first event, so the answer lists an overlap
            answers.add(h.dispatch("calendar.create_event", data("title", "Dubbel", "domain", "VSB",
                    "start", DateTimeOutput.format(one.at()),
                    "end", DateTimeOutput.format(one.at().plusMinutes(30)))).assertOk().data());
            answers.add(h.dispatch("reminder.create", data("title", "Bellen", "domein", "VSB",
                    "due", DateTimeOutput.format(two.at()))).assertOk().data());
            String from = DateTimeOutput.format(one.at().minusDays(1));
            String to = DateTimeOutput.format(one.at().plusDays(20));
            answers.add(h.dispatch("calendar.list_events", data("from", from, "to", to)).assertOk().data());
            answers.add(h.dispatch("calendar.free_slots", data("from", from, "to", to, "durationMinutes", 30))
                    .assertOk().data());
            answers.add(h.dispatch("reminder.list", data()).assertOk().data());
            answers.add(h.dispatch("reminder.move", data("id", "R-0001",
                    "due", DateTimeOutput.format(two.at().plusHours(1)))).assertOk().data());
            answers.add(h.dispatch("system.tick", data("now", "2026-11-23T09:00:00+01:00")).assertOk().data());

            Set<String> returned = new LinkedHashSet<>();
            Set<String> calendarAndReminders = new LinkedHashSet<>();
            answers.forEach(a -> collect(a, returned, calendarAndReminders, false));
            assertThat(calendarAndReminders).as("the answers carry date-times").hasSizeGreaterThan(8)
                    .allSatisfy(v -> assertThat(v).as("written one way")
                            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?[+-]\\d\\d:\\d\\d"));
            for (String value : returned) {
                ZonedDateTime at = ((DateTimeInput.Resolved) DateTimeInput.read(value, USER)).value();
                String dayBefore = DateTimeOutput.format(at.minusDays(1));
                String dayAfter = DateTimeOutput.format(at.plusDays(1));
                accepted(h, "calendar.update_event", data("id", "EV-0002", "start", value), "$.data.start");
                accepted(h, "calendar.update_event", data("id", "EV-0003", "end", value), "$.data.end");
                accepted(h, "calendar.update_event", data("id", "EV-0001", "instance", value, "title", "Los"),
                        "$.data.instance");
                accepted(h, "calendar.list_events", data("from", value, "to", dayAfter), "$.data.from");
                accepted(h, "calendar.list_events", data("from", dayBefore, "to", value), "$.data.to");
                accepted(h, "calendar.free_slots", data("from", value, "to", dayAfter, "durationMinutes", 30),
                        "$.data.from");
                accepted(h, "calendar.free_slots", data("from", dayBefore, "to", value, "durationMinutes", 30),
                        "$.data.to");
                accepted(h, "reminder.create", data("title", "Nog eens", "domein", "VSB", "due", value), "$.data.due");
                accepted(h, "reminder.move", data("id", "R-0001", "due", value), "$.data.due");
                accepted(h, "calendar.create_event", data("title", "Kopie", "domain", "VSB", "start", value,
                        "end", DateTimeOutput.format(at.plusMinutes(30))), "$.data.start");
            }
            // the clock only goes forward, so the tick is fed last, from the latest value down
            List<String> latestFirst = new ArrayList<>(returned);
            latestFirst.sort((a, b) -> read(b).compareTo(read(a)));
            for (String value : latestFirst) {
                accepted(h, "system.tick", data("now", value), "$.data.now");
            }
        }
    }

    @Property(tries = 25)
    @Label("the local, offset and Z forms of one instant store the same event")
    void threeFormsOneEvent(@ForAll("slots") Slot s) throws Exception {
        try (AvalonHarness h = harness()) {
            ZonedDateTime start = s.at();
            ZonedDateTime end = start.plusMinutes(s.minutes());
            List<Function<ZonedDateTime, String>> forms = List.of(
                    t -> t.toLocalDateTime().toString(),
                    t -> DateTimeOutput.format(t),
                    t -> t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime() + "Z",
                    t -> t.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.ofHours(-7)).toString());
            List<JsonNode> stored = new ArrayList<>();
            for (Function<ZonedDateTime, String> form : forms) {
                ObjectNode event = data("title", "Overleg", "domain", "VSB", "zone", s.zone().getId(),
                        "start", form.apply(start), "end", form.apply(end));
                String id = h.dispatch("calendar.create_event", event).assertOk().data().path("event").path("id").asText();
                JsonNode book = Json.parse(h.store().read(BrainPath.of("state/calendar/events.json")).orElseThrow());
                for (JsonNode e : book.path("events")) {
                    if (e.path("id").asText().equals(id)) {
                        stored.add(data("start", e.path("start"), "end", e.path("end"), "zone", e.path("zone")));
                    }
                }
            }
            assertThat(stored).hasSize(4).allSatisfy(e -> assertThat(e).isEqualTo(stored.get(0)));
            assertThat(stored.get(0).path("start").asText()).isEqualTo(s.start().toString());
        }
    }

    private static ZonedDateTime read(String value) {
        return ((DateTimeInput.Resolved) DateTimeInput.read(value, USER)).value();
    }

    /** The action may refuse for a reason of its own (in the past, no such instance), never for the form. */
    private static void accepted(AvalonHarness h, String action, ObjectNode data, String path) {
        ActionResult result = h.dispatch(action, data).result();
        if (result instanceof ActionResult.Rejected r) {
            assertThat(r.error().code()).as(action + " " + data).isNotEqualTo(ErrorCode.INTERNAL_ERROR);
            for (Violation v : r.error().details()) {
                if (v.path().equals(path)) {
                    assertThat(v.problem()).as(action + " " + data)
                            .doesNotContain("not a date-time", "must be a date-time", "must match", "must be a valid",
                                    "does not exist in", "occurs twice in");
                }
            }
        }
    }

    /**
     * Every date-time in an answer into {@code all}; those outside the questions a tick's jobs asked (whose
     * times the question book writes) also into {@code own}.
     */
    private static void collect(JsonNode node, Set<String> all, Set<String> own, boolean inQuestion) {
        if (node.isTextual() && node.textValue().contains("T") && DATE_TIME.matcher(node.textValue()).matches()) {
            all.add(node.textValue());
            if (!inQuestion) {
                own.add(node.textValue());
            }
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getValue(), all, own, inQuestion || f.getKey().equals("ask")));
        } else {
            node.forEach(child -> collect(child, all, own, inQuestion));
        }
    }
}
