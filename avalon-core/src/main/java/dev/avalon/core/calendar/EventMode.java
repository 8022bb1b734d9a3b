package dev.avalon.core.calendar;

/** How an event treats overlaps: FREE lists them and accepts; AUTO_PLAN refuses and proposes free slots. */
public enum EventMode { FREE, AUTO_PLAN }
