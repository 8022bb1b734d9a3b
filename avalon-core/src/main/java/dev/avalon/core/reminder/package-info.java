/**
 * The reminder engine: tasks and their reminders in {@code state/reminders.json}, moves counted,
 * and the daily escalation whose records feed the insight metrics. Nothing is null unless it says so.
 */
package dev.avalon.core.reminder;
