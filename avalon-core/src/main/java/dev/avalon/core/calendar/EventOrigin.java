package dev.avalon.core.calendar;

/** Where an event was made: here, by an action, or in the remote calendar, imported by {@code calendar.sync}. */
public enum EventOrigin { LOCAL, REMOTE }
