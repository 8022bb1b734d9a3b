/**
 * JSON Schema validation that reports every violation with the offending field's path.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.schema;
