/**
 * Internals of the CalDAV adapter: the WebDAV XML of requests and answers, the mapping between events and
 * iCalendar resources, and the occurrences of a series. Not an API; may change without notice.
 */
package dev.avalon.caldav.internal;
