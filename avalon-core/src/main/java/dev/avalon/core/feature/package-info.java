/**
 * The contract an engine implements to join Avalon ({@link dev.avalon.core.feature.Feature}): its
 * actions, the question kinds it answers, its jobs, commit preconditions, validators and workflow
 * steps. Engines depend on this package; the kernel and the facade depend on the engines.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.feature;
