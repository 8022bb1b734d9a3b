/**
 * Resumable workflows kept in the brain's working state ({@code state/workflows/}). The weekclose
 * (seed 04 §2.1) is the first: freeze behaviour updates, compile and validate the week's logbook
 * sheet, compute the metrics, generate proposals, ask JA/NEE per proposal, apply the approved ones
 * in proposal order, ask one commit consent, and close on the verified commit. Every step is one
 * unit of work, so a host that stops between two steps continues where it was. See
 * {@code docs/weekclose.md}.
 */
package dev.avalon.core.workflow;
