/**
 * The command queue: {@code ACTION:} lines (in a model's reply, in minutes, in a calendar event's
 * description) checked against the whitelist in {@code behaviour.avl} and kept as commands in
 * {@code state/commands.json}, which other systems poll, lease and complete; follow-up commands when one
 * completes. See {@code docs/AUTOMATION.md}, "Command queue". Nothing is {@code null} unless its
 * documentation says so.
 */
package dev.avalon.core.command;
