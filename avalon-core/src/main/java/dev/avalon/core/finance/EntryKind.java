package dev.avalon.core.finance;

/** What a ledger entry does to the balances. */
public enum EntryKind {
    /** Money comes in: unassigned grows. */
    INCOME,
    /** Unassigned money is put into a pot. */
    ALLOCATION,
    /** Money moves from one pot to another. */
    MOVE,
    /** Money leaves a pot for good; the pot may go below zero (overspent). */
    SPEND,
    /** Money moves from one pot to an overspent one, up to its deficit. */
    COVER
}
