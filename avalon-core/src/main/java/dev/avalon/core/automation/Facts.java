package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.reminder.Reminder;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.reminder.ReminderStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a condition and a template see, as plain values: {@code event} (name, data, at), {@code now}
 * (instant, date, time, hour, minute, weekday in the user's zone), {@code automation} (id, name) and,
 * for CONDITION triggers, {@code brain} (openReminders, overdueReminders, openQuestions).
 */
public final class Facts {

    private Facts() {
    }

    /** The facts of a run for {@code event}. */
    public static Map<String, Object> of(Automation automation, DomainEvent event, Instant now, ZoneId zone) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", event.name());
        e.put("data", plain(event.data()));
        e.put("at", event.at().toString());
        facts.put("event", e);
        facts.put("now", now(now, zone));
        facts.put("automation", Map.of("id", automation.id(), "name", automation.name()));
        facts.put("brain", Map.of());
        return facts;
    }

    /** The facts a CONDITION trigger checks on a tick: no event, and the brain's counts. */
    public static Map<String, Object> ofBrain(Automation automation, Brain brain, Instant now, ZoneId zone) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("event", Map.of("name", "tick", "data", Map.of(), "at", now.toString()));
        facts.put("now", now(now, zone));
        facts.put("automation", Map.of("id", automation.id(), "name", automation.name()));
        ReminderBook book = ReminderBook.read(brain);
        long open = book.reminders().stream().filter(r -> r.status() == ReminderStatus.OPEN).count();
        long overdue = book.reminders().stream().filter(r -> r.status() == ReminderStatus.OPEN)
                .map(Reminder::due).filter(d -> d.isBefore(now)).count();
        facts.put("brain", Map.of("openReminders", open, "overdueReminders", overdue,
                "openQuestions", (long) brain.questions().open(now).size()));
        return facts;
    }

    private static Map<String, Object> now(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("instant", now.toString());
        n.put("date", local.toLocalDate().toString());
        n.put("time", local.toLocalTime().withNano(0).toString());
        n.put("hour", (long) local.getHour());
        n.put("minute", (long) local.getMinute());
        n.put("weekday", local.getDayOfWeek().name());
        return n;
    }

    /** JSON as plain values: whole numbers as Long, others as Double, objects as maps, arrays as lists. */
    public static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> {
                Object v = plain(f.getValue());
                if (v != null) {
                    m.put(f.getKey(), v);
                }
            });
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> {
                Object v = plain(x);
                if (v != null) {
                    l.add(v);
                }
            });
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }
}
