package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.schedule.JobRun;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Event checklists: {@code calendar.checklist_update} replaces the items or ticks and unticks them by
 * index, and the {@code calendar-complete} job marks ended events whose items are all ticked COMPLETED.
 *
 * <p>Completion is decided twice on purpose: at the update (the user ticks the last item after the
 * meeting) and by the daily job (the last item was ticked before the meeting ended). Unticking an item
 * of a COMPLETED event makes it CONFIRMED again, so the status always matches its definition.
 */
final class Checklists {

    private Checklists() {
    }

    static Outcome update(ActionContext ctx) {
        JsonNode data = ctx.data();
        CalendarBook book = CalendarActions.book(ctx);
        CalendarEvent old = CalendarActions.existing(book, data.get("id").asText());
        List<Violation> problems = new ArrayList<>();
        if (old.status() == EventStatus.CANCELLED) {
            problems.add(new Violation("$.data.id", "event " + old.id() + " is cancelled"));
        }
        boolean replace = data.has("items");
        boolean ticks = data.has("tick") || data.has("untick");
        List<ChecklistItem> items = new ArrayList<>(old.checklist());
        if (replace && ticks) {
            problems.add(new Violation("$.data.items", "give items (a new list) or tick/untick (indexes), not both"));
        } else if (!replace && !ticks) {
            problems.add(new Violation("$.data", "give items (a new list) or tick/untick (indexes)"));
        } else if (replace) {
            items = replacement(data.get("items"), problems);
        } else {
            Set<Integer> ticked = indexes(data.path("tick"), "$.data.tick", old.checklist().size(), problems);
            Set<Integer> unticked = indexes(data.path("untick"), "$.data.untick", old.checklist().size(), problems);
            JsonNode untick = data.path("untick");
            for (int i = 0; i < untick.size(); i++) {
                if (ticked.contains(untick.get(i).asInt())) {
                    problems.add(new Violation("$.data.untick[" + i + "]", "is also in tick"));
                }
            }
            for (int i : ticked) {
                items.set(i, new ChecklistItem(old.checklist().get(i).text(), true));
            }
            for (int i : unticked) {
                items.set(i, new ChecklistItem(old.checklist().get(i).text(), false));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the checklist update is not valid", problems);
        }
        CalendarEvent changed = old.withChecklist(items, ctx.now());
        if (changed.completableAt(ctx.now())) {
            changed = changed.withStatus(EventStatus.COMPLETED, ctx.now());
        } else if (old.status() == EventStatus.COMPLETED) {
            changed = changed.withStatus(EventStatus.CONFIRMED, ctx.now());
        }
        ObjectNode result = Json.object();
        result.set("event", changed.toAnswer());
        long done = items.stream().filter(ChecklistItem::done).count();
        result.put("done", done);
        result.put("total", items.size());
        result.put("completed", changed.status() == EventStatus.COMPLETED);
        ObjectNode log = CalendarActions.audit(changed);
        log.put("done", done);
        log.put("total", items.size());
        return Outcome.builder(result).writeJson(CalendarBook.PATH, book.put(changed).toJson())
                .audit(new AuditRecord("calendar.checklist_updated", ctx.actor(), ctx.traceId(), log)).build();
    }

    private static List<ChecklistItem> replacement(JsonNode list, List<Violation> problems) {
        List<ChecklistItem> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String text = list.get(i).path("text").asText();
            if (text.isBlank() || EventDraft.hasControl(text)) {
                problems.add(new Violation("$.data.items[" + i + "].text",
                        "must be non-blank text without control characters"));
            }
            items.add(new ChecklistItem(text, list.get(i).path("done").asBoolean(false)));
        }
        return items;
    }

    private static Set<Integer> indexes(JsonNode list, String path, int size, List<Violation> problems) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            int index = list.get(i).asInt();
            if (index >= size) {
                problems.add(new Violation(path + "[" + i + "]", "there is no item " + index + "; the checklist has "
                        + size + " item(s), counted from 0"));
            } else {
                out.add(index);
            }
        }
        return out;
    }

    /** The calendar-complete job: every ended event whose checklist is all ticked becomes COMPLETED. */
    static Outcome completeEnded(ActionContext ctx, JobRun run) {
        CalendarBook book = CalendarActions.book(ctx);
        ObjectNode result = Json.object();
        ArrayNode completed = result.putArray("completed");
        Outcome.Builder out = Outcome.builder(result);
        CalendarBook next = book;
        for (CalendarEvent e : book.events()) {
            if (e.completableAt(ctx.now())) {
                CalendarEvent done = e.withStatus(EventStatus.COMPLETED, ctx.now());
                next = next.put(done);
                completed.add(e.id());
                out.audit(new AuditRecord("calendar.event_completed", ctx.actor(), ctx.traceId(),
                        CalendarActions.audit(done)));
            }
        }
        if (!completed.isEmpty()) {
            out.writeJson(CalendarBook.PATH, next.toJson());
        }
        return out.build();
    }
}
