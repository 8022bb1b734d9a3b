/**
 * Questions to the user: persisted, answered by an action, resolved per kind.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.question;
