/**
 * The condition language of automations on CEL ({@code dev.cel}).
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.cel;
