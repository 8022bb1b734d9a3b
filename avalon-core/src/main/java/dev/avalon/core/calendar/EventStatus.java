package dev.avalon.core.calendar;

/** Where an event is in its life. A cancelled event cannot be updated; a completed one has ended with its checklist done. */
public enum EventStatus { CONFIRMED, CANCELLED, COMPLETED }
