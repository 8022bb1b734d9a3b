/**
 * Automations the user owns: triggers (EVENT, SCHEDULE, WEBHOOK, CONDITION, MANUAL), conditions in a
 * sandboxed expression language behind a port, actions run through the action pipeline, message
 * templates, run history, workflow retries and the built-in templates. See {@code docs/AUTOMATION.md}.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.automation;
