package dev.avalon.core.calendar;

import java.util.Objects;

/**
 * One item of an event's checklist.
 *
 * @param text what to do
 * @param done whether it is ticked
 */
public record ChecklistItem(String text, boolean done) {
    public ChecklistItem {
        Objects.requireNonNull(text, "text");
    }
}
