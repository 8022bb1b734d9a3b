/**
 * Fakes of the automations' ports: a tiny condition language, simple templates, recording mail
 * and webhook senders. Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.testkit.automation;
