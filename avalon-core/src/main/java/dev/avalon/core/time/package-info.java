/**
 * Time: the one way date-times are read from callers ({@link dev.avalon.core.time.DateTimeInput}) and written
 * in answers ({@link dev.avalon.core.time.DateTimeOutput}), the supported dates, ISO weeks, and a manual clock
 * for demos and tests. Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.time;
