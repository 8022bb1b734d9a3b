/**
 * JMH benchmarks. Each class measures one Avalon operation next to the baseline it is judged
 * against, in the same run, so that their ratio means something; docs/BENCHMARKS.md has the
 * numbers and the targets. {@link dev.avalon.benchmarks.OpenBrainsHeap}, a plain program rather than
 * a JMH benchmark, measures the heap that thousands of open brains hold.
 *
 * <p>Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.benchmarks;
