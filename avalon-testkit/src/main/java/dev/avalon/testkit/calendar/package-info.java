/**
 * An in-memory fake of the {@link dev.avalon.core.port.RemoteCalendar} port, with methods that act as
 * the user editing the calendar remotely. Nothing is {@code null} unless it says so.
 */
package dev.avalon.testkit.calendar;
