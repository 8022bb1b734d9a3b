/**
 * The vocabulary every other package of core shares and nothing in it depends on: error codes,
 * violations, refusals, effects and the root of the machinery's exceptions. It sits at the bottom so
 * that no two packages need each other to speak of a failure.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.base;
