package dev.avalon.core.governance;

/** Who proposed a patch. Wire names identical. */
public enum PatchSource {
    /** The user, through the front end. May propose any type. */
    USER,
    /** A learned suggestion. PATCH only, within {@code mlLimits}; its risk level is recomputed. */
    ML,
    /** Disaster recovery, after a restore. Never accepted from a caller. */
    DR
}
