package dev.avalon.core.reminder;

/** Whether a reminder still needs doing. */
public enum ReminderStatus {
    OPEN,
    COMPLETED
}
