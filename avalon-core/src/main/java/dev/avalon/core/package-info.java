/**
 * The facade: {@link dev.avalon.core.Avalon} is the one way in for actions.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core;
