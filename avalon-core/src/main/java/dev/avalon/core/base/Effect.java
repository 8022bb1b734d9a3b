package dev.avalon.core.base;

/**
 * What an action may do to the brain; the governance state gate decides per state which effects
 * run (see {@code StateGate}).
 */
public enum Effect {
    /** Reads only. */
    READ,
    /** Writes working-tree state (journal, questions, answers). */
    WRITE,
    /** Proposes or applies a behaviour patch. */
    PATCH,
    /** Switches governance modes. */
    CONTROL,
    /** Disaster-recovery and repair steps. */
    RECOVERY
}
