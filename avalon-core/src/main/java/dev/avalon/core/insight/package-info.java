/**
 * The insight engine (statistics only, no I/O): the five weekly metrics of {@link
 * dev.avalon.core.insight.Insight} and the ML behaviour proposals of {@link
 * dev.avalon.core.insight.Proposals}; formulas and ranges in {@code docs/metrics.md}. Nothing is null
 * unless it says so.
 */
package dev.avalon.core.insight;
