/**
 * The ports: one interface per capability Avalon needs from the outside world. A host wires an
 * adapter (or an avalon-testkit fake) into each. Nothing is {@code null} unless it says so.
 */
package dev.avalon.core.port;
