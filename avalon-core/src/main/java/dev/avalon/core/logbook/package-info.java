/**
 * The logbook engine: daily entries journaled per ISO week in {@code state/logbook/}, the
 * {@code daily-log} prompt job, and the read API ({@link dev.avalon.core.logbook.LogbookJournal})
 * that insight and weekclose use. Nothing is null unless it says so.
 */
package dev.avalon.core.logbook;
