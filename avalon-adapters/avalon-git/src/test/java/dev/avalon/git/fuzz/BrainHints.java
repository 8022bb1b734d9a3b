package dev.avalon.git.fuzz;

import dev.avalon.testkit.fuzz.Bindings.TimeShape;
import dev.avalon.testkit.fuzz.FieldHints;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.avalon.testkit.fuzz.Placeholders.ref;
import static dev.avalon.testkit.fuzz.Placeholders.time;

/**
 * What the valid mix needs beyond the schemas to reach the engines of a brain on the default
 * behaviour.avl: its domains and pots, ids the brain made, times the engines accept (not in the past,
 * a week that has ended), and leaving out optional fields that only make sense together.
 */
final class BrainHints {

    static final List<String> DOMAINS = List.of("VSB", "WERK", "PRIVE", "GEZONDHEID", "FINANCIEN");
    static final List<String> POTS = List.of("vaste_lasten", "boodschappen", "sparen", "vrij_besteedbaar");
    private static final int DAY = 24 * 60;

    private BrainHints() {
    }

    static FieldHints forDefaultBrain() {
        Arbitrary<String> pots = Arbitraries.of(POTS);
        Arbitrary<String> smallAmounts = Arbitraries.integers().between(1, 4_000)
                .map(c -> String.format("%d.%02d", c / 100, c % 100));
        Arbitrary<String> pastDays = Arbitraries.integers().between(-6, 0).map(d -> time((long) d * DAY, TimeShape.DATE));
        Arbitrary<List<String>> distinctEmails = Arbitraries.of("secretaris@example.org", "anne@example.org",
                "bob@example.com").list().uniqueElements().ofMaxSize(3);
        Arbitrary<String> templates = Arbitraries.of("bestuur", "weekstart");
        Arbitrary<String> projects = Arbitraries.of("vsb-bestuur", "werk-team");
        FieldHints hints = FieldHints.none()
                .name("domein", Arbitraries.of(DOMAINS))
                .name("domain", Arbitraries.of(DOMAINS))
                .name("date", pastDays)
                .name("project", projects)
                .name("amount", smallAmounts)
                .field("finance.register_income", "/amount", Arbitraries.integers().between(100, 3_000)
                        .map(e -> e + ".00"))
                .field("finance.spend", "/pot", pots)
                .together("finance.move", "", twoPots())
                .together("finance.cover", "", twoPots())
                .absent("calendar.cancel_event", "/instance")
                .field("weekclose.cancel", "/week", Arbitraries.just(time(-7L * DAY, TimeShape.WEEK)))
                .field("finance.allocate_funds", "/potjesverdeling", allocations(pots))
                .absent("finance.allocate_funds", "/percentages")
                .absent("finance.allocate_funds", "/amount")
                .absent("finance.allocate_funds", "/split")
                .field("reminder.complete", "/id", ids("R"))
                .field("reminder.move", "/id", ids("R"))
                .field("calendar.update_event", "/id", ids("EV"))
                .field("calendar.cancel_event", "/id", ids("EV"))
                .field("calendar.checklist_update", "/id", ids("EV"))
                .field("calendar.outbox_retry", "/id", ids("INV"))
                .field("question.answer", "", answers())
                .field("behaviour.propose_patch", "/patch", patches())
                .field("calendar.template_save", "/name", templates)
                .field("calendar.create_from_template", "/template", templates)
                .absent("calendar.create_from_template", "/zone")
                .field("calendar.create_from_template", "/overrides", Arbitraries.of(
                        Map.of(), Map.of("location", "Online"), Map.of("durationMinutes", 45)))
                .field("system.tick", "/now", Arbitraries.integers().between(1, 12 * 60)
                        .map(m -> time(m, TimeShape.OFFSET)))
                .field("governance.set_auto_mode", "/enabled", Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
                .field("weekclose.start", "/week", Arbitraries.integers().between(1, 2)
                        .map(w -> time(-7L * DAY * w, TimeShape.WEEK)))
                .field("chatlog.append", "/role", Arbitraries.of("user", "assistant"))
                .field("chatlog.append", "/ts", Arbitraries.integers().between(-600, 0).map(m -> time(m, TimeShape.OFFSET)))
                .field("notulen.extract_action_points", "/file", ids("file"))
                .field("notulen.save", "/markdown", Arbitraries.of(
                        "# Overleg\n\n- [ ] Begroting rondsturen @anne 📅 2026-12-30\n",
                        "# Team\n\nBesproken: planning.\n\n- [x] Notulen delen\n- [ ] Offerte @bob\n"))
                .together("calendar.free_slots", "", window(0, 3, 1, 20))
                .together("calendar.list_events", "", window(-7, 0, 1, 60))
                .absent("calendar.list_events", "/cursor");
        hints = hints.together("calendar.create_event", "", startAndEnd())
                .together("calendar.update_event", "", Arbitraries.oneOf(startAndEnd(), Arbitraries.just(neither())));
        for (String action : List.of("calendar.create_event", "calendar.update_event")) {
            hints = hints.absent(action, "/startDate").absent(action, "/endDate")
                    .absent(action, "/instance").absent(action, "/zone")
                    .field(action, "/attendees", distinctEmails)
                    .field(action, "/recurrence", Arbitraries.of(
                            Map.of("freq", "WEEKLY", "count", 4),
                            Map.of("freq", "DAILY", "interval", 2, "count", 3),
                            Map.of("freq", "MONTHLY", "count", 6)).injectNull(0.6)
                            .map(r -> r == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : r));
        }
        // automations: a few small valid ones, named again by the actions that take an id
        Arbitrary<String> automationIds = Arbitraries.of("fuzz-notify", "fuzz-action");
        Arbitrary<Map<String, Object>> automations = Arbitraries.of(
                Map.of("id", "fuzz-notify", "name", "Fuzz notice", "enabled", true,
                        "trigger", Map.of("type", "MANUAL"),
                        "actions", List.of(Map.of("type", "NOTIFY", "level", "INFO", "title", "Fuzz",
                                "message", "Handmatig gestart"))),
                Map.of("id", "fuzz-action", "name", "Fuzz reminder", "enabled", true,
                        "trigger", Map.of("type", "EVENT", "pattern", "logbook.*"),
                        "scopes", List.of("reminder:write"),
                        "actions", List.of(Map.of("type", "ACTION", "action", "reminder.list",
                                "data", Map.of()))));
        hints = hints.field("automation.create", "/automation", automations)
                .field("automation.update", "/automation", automations)
                .field("automation.create_from_template", "/template", Arbitraries.of("deadline-reminder",
                        "weekly-summary", "budget-alert", "streak-reminder", "daily-backup", "standup-reminder"))
                .absent("automation.create_from_template", "/params")
                .absent("automation.create_from_template", "/id")
                .field("automation.run", "/id", automationIds)
                .absent("automation.run", "/data")
                .field("automation.runs", "/id", automationIds)
                .field("automation.enable", "/id", automationIds)
                .field("automation.disable", "/id", automationIds)
                .absent("automation.templates", "/domain");
        hints = hints.field("calendar.template_save", "/attendees", distinctEmails)
                .field("chatlog.append", "/conversationId", Arbitraries.integers().between(1, 5).map(n -> "c-2026-" + n))
                .field("calendar.free_slots", "/durationMinutes", Arbitraries.integers().between(15, 240))
                .together("calendar.checklist_update", "", Arbitraries.oneOf(
                        Arbitraries.just(overlay(Map.of("tick", List.of(0)), "items", "untick")),
                        Arbitraries.just(overlay(Map.of("items", List.of(Map.of("text", "agenda"))), "tick", "untick")),
                        Arbitraries.just(neitherOf("items", "tick", "untick"))));
        return hints;
    }

    /** An open question (newest first) with one of its options: JA where it has one, three times in four. */
    private static Arbitrary<Map<String, String>> answers() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("QA")), Tuple.of(1, Arbitraries.just("QN"))))
                .as((pick, kind) -> Map.of("id", ref("Q", pick), "answer", ref(kind, pick)));
    }

    /** A timed event's start and end together: from 90 minutes to a month ahead, 15 minutes to 3 hours long. */
    private static Arbitrary<Map<String, String>> startAndEnd() {
        return Combinators.combine(Arbitraries.longs().between(6, 30 * 24 * 4), Arbitraries.longs().between(1, 12))
                .as((start, length) -> Map.of("start", time(start * 15, TimeShape.LOCAL),
                        "end", time((start + length) * 15, TimeShape.LOCAL)));
    }

    /** Leaves out start and end: an update of other fields. */
    private static com.fasterxml.jackson.databind.node.ObjectNode neither() {
        return neitherOf("start", "end");
    }

    /** Sets {@code present} and leaves out each of {@code absent}. */
    private static com.fasterxml.jackson.databind.node.ObjectNode overlay(Map<String, Object> present,
                                                                          String... absent) {
        var node = neitherOf(absent);
        present.forEach((k, v) -> node.set(k, dev.avalon.core.json.Json.valueToTree(v)));
        return node;
    }

    /** Leaves out each of {@code fields}. */
    private static com.fasterxml.jackson.databind.node.ObjectNode neitherOf(String... fields) {
        var node = dev.avalon.core.json.Json.object();
        for (String field : fields) {
            node.set(field, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
        return node;
    }

    /** A from/to window: from {@code fromDays} ahead (or back), to {@code days} after that. */
    private static Arbitrary<Map<String, String>> window(int fromMin, int fromMax, int daysMin, int daysMax) {
        return Combinators.combine(Arbitraries.integers().between(fromMin, fromMax),
                Arbitraries.integers().between(daysMin, daysMax)).as((from, days) -> Map.of(
                "from", time((long) from * DAY, TimeShape.OFFSET),
                "to", time((long) (from + days) * DAY, TimeShape.OFFSET)));
    }

    /** Two different pots, as from and to. */
    private static Arbitrary<Map<String, String>> twoPots() {
        return Arbitraries.of(POTS).list().uniqueElements().ofSize(2)
                .map(two -> Map.of("from", two.get(0), "to", two.get(1)));
    }

    private static Arbitrary<String> ids(String kind) {
        return Arbitraries.integers().between(0, 2).map(pick -> ref(kind, pick));
    }

    private static Arbitrary<Map<String, String>> allocations(Arbitrary<String> pots) {
        return Arbitraries.maps(pots, Arbitraries.integers().between(0, 2_000)
                .map(c -> String.format("%d.%02d", c / 100, c % 100))).ofMinSize(1).ofMaxSize(2);
    }

    /** New rules (MINOR, nothing before) and the one tuning the default file allows from its start. */
    private static Arbitrary<Map<String, Object>> patches() {
        // fresh ids and paths: a patch id is used once, and a new rule must not exist yet
        Arbitrary<String> ids = Arbitraries.integers().between(0, 9).map(n -> "USR-" + ref("fresh", n));
        Arbitrary<Map<String, Object>> addRule = Combinators.combine(ids, Arbitraries.of("a", "b", "c", "d"),
                Arbitraries.integers().between(1, 9)).as((id, rule, value) -> patch(id, "MINOR",
                "customRules." + rule + ref("fresh", value), null, value));
        Arbitrary<Map<String, Object>> tune = Combinators.combine(ids, Arbitraries.of(2, 4)).as((id, after) ->
                patch(id, "PATCH", "reminderEscalationRules.threshold", 3, after));
        return Arbitraries.oneOf(addRule, tune);
    }

    private static Map<String, Object> patch(String id, String type, String path, Object before, Object after) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("id", id);
        patch.put("type", type);
        patch.put("path", path);
        if (before != null) {
            patch.put("before", before);
        }
        patch.put("after", after);
        patch.put("rationale", "Fuzz: een regel erbij.");
        patch.put("riskLevel", "LOW");
        patch.put("source", "USER");
        return patch;
    }
}
