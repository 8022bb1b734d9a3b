/**
 * The brain's layout, typed reads of its working tree, and whole-brain validation.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.brain;
