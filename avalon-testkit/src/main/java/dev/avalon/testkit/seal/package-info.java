/** Seal keys for tests: {@link dev.avalon.testkit.seal.InMemorySealKeys}. */
package dev.avalon.testkit.seal;
