/**
 * Helpers of {@link dev.avalon.git.GitBrainStore}: durable file writes, the brain lock, the
 * journal that makes a unit of work atomic, and trailer parsing. Not an API: only
 * {@code dev.avalon.git} uses this package. Nothing is {@code null} unless it says so.
 */
package dev.avalon.git.internal;
