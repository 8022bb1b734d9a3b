/**
 * How the workbooks are laid out, written and checked: one class per workbook, the cell conventions
 * they share, and the repacking that makes the bytes reproducible. Nothing is {@code null} unless it
 * says so.
 */
package dev.avalon.xlsx.internal;
