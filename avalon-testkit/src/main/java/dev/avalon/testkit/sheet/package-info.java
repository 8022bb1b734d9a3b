/**
 * Sheets without a spreadsheet library: {@link dev.avalon.testkit.sheet.InMemorySheetRenderer}, a fake
 * {@link dev.avalon.core.port.SheetRenderer}, and {@link dev.avalon.testkit.sheet.SheetFixtures}, sample
 * weeks for tests and benchmarks. Nothing is {@code null} unless it says so.
 */
package dev.avalon.testkit.sheet;
