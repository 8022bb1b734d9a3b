package dev.avalon.core.governance;

/** The four governance states (seed 06 §9). Wire names identical. */
public enum GovernanceState {
    /** Everything allowed except forbidden actions. */
    STATE_NORMAL,
    /** Commits and patches blocked. */
    STATE_AUTO_MODE,
    /** Disaster recovery: everything but recovery blocked. */
    STATE_DR,
    /** behaviour.avl is invalid: actions refused until repaired. */
    STATE_INCONSISTENT
}
