package dev.avalon.core.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every task, reminder and escalation, kept in {@code state/reminders.json} (schema
 * {@code schema/reminders.schema.json}). Immutable: the {@code with…} methods return a new book.
 *
 * @param tasks       tasks in creation order
 * @param reminders   reminders in creation order
 * @param escalations escalations in the order they happened
 */
public record ReminderBook(List<Task> tasks, List<Reminder> reminders, List<Escalation> escalations) {

    /** Where the book lives. */
    public static final BrainPath PATH = dev.avalon.core.layout.BrainLayout.REMINDERS;
    public static final ReminderBook EMPTY = new ReminderBook(List.of(), List.of(), List.of());

    public ReminderBook {
        tasks = List.copyOf(tasks);
        reminders = List.copyOf(reminders);
        escalations = List.copyOf(escalations);
    }

    /** The book in {@code brain}; empty when there is none yet. */
    public static ReminderBook read(Brain brain) {
        return brain.readJson(PATH).map(ReminderBook::fromJson).orElse(EMPTY);
    }

    public Optional<Reminder> find(String id) {
        return reminders.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The task {@code title} names, if one exists. */
    public Optional<Task> taskNamed(String title) {
        return tasks.stream().filter(t -> t.isNamed(title)).findFirst();
    }

    public ReminderBook withTask(Task task) {
        List<Task> next = new ArrayList<>(tasks);
        next.add(task);
        return new ReminderBook(next, reminders, escalations);
    }

    /** This book with {@code reminder} added, or replacing the one with its id. */
    public ReminderBook with(Reminder reminder) {
        List<Reminder> next = new ArrayList<>();
        boolean replaced = false;
        for (Reminder r : reminders) {
            if (r.id().equals(reminder.id())) {
                next.add(reminder);
                replaced = true;
            } else {
                next.add(r);
            }
        }
        if (!replaced) {
            next.add(reminder);
        }
        return new ReminderBook(tasks, next, escalations);
    }

    public ReminderBook withEscalation(Escalation escalation) {
        List<Escalation> next = new ArrayList<>(escalations);
        next.add(escalation);
        return new ReminderBook(tasks, reminders, next);
    }

    /** The escalations dated from {@code from} to {@code to}, both inclusive. */
    public List<Escalation> escalationsBetween(LocalDate from, LocalDate to) {
        return escalations.stream().filter(e -> !e.date().isBefore(from) && !e.date().isAfter(to)).toList();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode t = n.putArray("tasks");
        tasks.forEach(x -> t.add(x.toJson()));
        ArrayNode r = n.putArray("reminders");
        reminders.forEach(x -> r.add(x.toJson()));
        ArrayNode e = n.putArray("escalations");
        escalations.forEach(x -> e.add(x.toJson()));
        return n;
    }

    public static ReminderBook fromJson(JsonNode n) {
        List<Task> t = new ArrayList<>();
        n.path("tasks").forEach(x -> t.add(Task.fromJson(x)));
        List<Reminder> r = new ArrayList<>();
        n.path("reminders").forEach(x -> r.add(Reminder.fromJson(x)));
        List<Escalation> e = new ArrayList<>();
        n.path("escalations").forEach(x -> e.add(Escalation.fromJson(x)));
        return new ReminderBook(t, r, e);
    }
}
