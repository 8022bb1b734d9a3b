package dev.avalon.core.behaviour;

/**
 * The size of a behaviour change, and therefore which SemVer part it bumps (seed 06 §2.1).
 * Wire names identical. Declared in increasing order of impact, so {@link #compareTo} and
 * {@link #max} rank them.
 */
public enum PatchType {
    /** Tuning: leaf values change, each keeping its JSON type; nothing added or removed. */
    PATCH,
    /** Addition: new keys or array elements, nothing removed, no node changes its type. */
    MINOR,
    /** Structure: something removed, or a node changed its JSON type. */
    MAJOR;

    /** The larger of the two; the size of a change is the size of its largest part. */
    public PatchType max(PatchType other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
