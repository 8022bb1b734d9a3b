/**
 * Where each file lives in a brain: paths, folders and the commit trailers Avalon writes. A package
 * of its own so that governance and the brain's typed reads can both name files without needing each
 * other. Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.layout;
