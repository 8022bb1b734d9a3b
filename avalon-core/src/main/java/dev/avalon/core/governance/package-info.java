/**
 * Governance of behaviour changes and commits: SemVer, patches and their validation, the patch chain, the state machine and the commit gate.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.governance;
