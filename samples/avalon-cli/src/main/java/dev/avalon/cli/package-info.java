/**
 * The {@code avalon} command line: a small host that wires the Avalon library to a git brain, the
 * system or a manual clock, and stderr for alerts and logs. {@link dev.avalon.cli.AvalonCli} is the
 * entry point; each subcommand is one class.
 *
 * <p>Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.cli;
