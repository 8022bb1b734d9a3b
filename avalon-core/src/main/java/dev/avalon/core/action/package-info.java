/**
 * Actions: the request and response envelopes, the catalogue, definitions, handlers and their outcomes.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.action;
