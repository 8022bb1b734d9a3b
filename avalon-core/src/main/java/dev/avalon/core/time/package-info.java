/**
 * Time for hosts that drive Avalon by hand: a manual clock for demos and tests.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.time;
