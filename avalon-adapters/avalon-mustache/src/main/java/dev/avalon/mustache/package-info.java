/**
 * The message templates of automations on mustache.java.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.mustache;
