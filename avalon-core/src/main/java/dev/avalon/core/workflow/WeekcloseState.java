package dev.avalon.core.workflow;

/**
 * Where a weekclose is. The open states follow each other in declaration order; the last four are
 * terminal. While a weekclose is open, behaviour updates are frozen.
 */
public enum WeekcloseState {
    /** Started: behaviour updates are frozen. */
    FROZEN,
    /** The logbook sheet is written and read back equal to the journal. */
    COMPILED,
    /** The week's metrics are computed and kept. */
    MEASURED,
    /** The proposals are generated and kept. */
    PROPOSED,
    /** One question per proposal is open; the answers may come in any order. */
    ASKING,
    /** The approved proposals are applied to behaviour.avl in proposal order. */
    APPLIED,
    /** One commit consent for every new file is open. */
    AWAITING_CONSENT,
    /** Committed and verified; unfrozen. */
    CLOSED,
    /** The user said NEE to the commit (or did not answer in time); unfrozen, files left uncommitted. */
    UNCOMMITTED,
    /** Cancelled before anything was applied; unfrozen. */
    CANCELLED,
    /** The logbook sheet did not read back equal to the journal; the brain went to STATE_DR. */
    FAILED;

    /** Whether behaviour updates are frozen in this state. */
    public boolean open() {
        return ordinal() <= AWAITING_CONSENT.ordinal();
    }

    /** Whether {@code weekclose.cancel} may still stop it: nothing was applied yet. */
    public boolean cancellable() {
        return ordinal() <= ASKING.ordinal();
    }
}
