package dev.avalon.core.calendar;

/** The FREQ of a recurrence rule (RFC 5545 §3.3.10); finer frequencies are not offered to the user. */
public enum Frequency { DAILY, WEEKLY, MONTHLY, YEARLY }
