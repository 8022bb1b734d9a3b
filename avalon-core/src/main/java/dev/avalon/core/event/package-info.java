/**
 * Domain events, published after the unit of work that caused them is durable.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.event;
