/**
 * behaviour.avl: the behaviour rules document, its schema check and the shipped defaults.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.behaviour;
