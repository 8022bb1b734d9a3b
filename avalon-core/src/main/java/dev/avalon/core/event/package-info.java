/**
 * Domain events and the bus: events are published after the unit of work that caused them is
 * durable, in the order units were written; subscriptions by pattern ({@code calendar.*},
 * {@code *.created}, {@code **}) with priorities, filters and middleware; the catalogue of every event
 * ({@code docs/EVENTS.md}). Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.event;
