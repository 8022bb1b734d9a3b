/**
 * Envelope budgeting: exact money, pots ("potjes") from behaviour.avl, the ledger
 * ({@code finance/ledger.json}) as the source of truth, the weekly finance sheet and the Monday
 * finance check. Amounts travel on the wire as decimal strings with at most two decimals
 * ({@code "1250.00"}, {@code "12.5"}); they are never JSON numbers, so no client rounds them.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.finance;
