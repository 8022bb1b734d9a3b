/** Checks and conversions behind {@link dev.avalon.ics.Ical4jInviteRenderer}; not for hosts. */
package dev.avalon.ics.internal;
