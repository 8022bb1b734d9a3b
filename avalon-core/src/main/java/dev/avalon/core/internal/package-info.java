/**
 * The machinery behind the facade: envelope parsing, interceptors, built-in actions and the unit of work. Not API.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.internal;
