/**
 * Jackson configuration with read limits, and the canonical JSON form used for files and hashes.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.json;
