/**
 * A schema-driven fuzzer: jqwik arbitraries that build action requests from each action's JSON Schema
 * in the catalogue, in three mixes ({@link dev.avalon.testkit.fuzz.Mix}): values within the schema,
 * values at its edges, and hostile raw JSON a careless or malicious front end might send.
 *
 * <p>Requests are raw JSON text, because some hostile inputs (lone surrogates, numbers beyond any
 * double) cannot be built as a Jackson tree. Values that depend on the running brain (the id of a
 * reminder made earlier, a time not in the past) are placeholders a {@link dev.avalon.testkit.fuzz.Bindings}
 * resolves just before sending, so a generated sequence stays reproducible from its seed.
 * Nothing is {@code null} unless it says so.
 */
package dev.avalon.testkit.fuzz;
