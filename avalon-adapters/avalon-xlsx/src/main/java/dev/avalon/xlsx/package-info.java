/**
 * The weekly spreadsheets as Excel workbooks: {@link dev.avalon.xlsx.XlsxSheetRenderer} writes the
 * logbook and finance workbooks with Apache POI and reads them back for validation. Nothing is
 * {@code null} unless it says so.
 */
package dev.avalon.xlsx;
