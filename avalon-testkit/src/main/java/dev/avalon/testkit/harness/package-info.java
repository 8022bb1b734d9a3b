/**
 * The action harness: {@link dev.avalon.testkit.harness.AvalonHarness} scripts actions, answers,
 * ticks and snapshots against an Avalon on fakes, and
 * {@link dev.avalon.testkit.harness.ActionResultAssert} asserts on the answers. Nothing is
 * {@code null} unless it says so.
 */
package dev.avalon.testkit.harness;
