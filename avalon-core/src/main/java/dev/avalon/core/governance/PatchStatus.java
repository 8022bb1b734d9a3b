package dev.avalon.core.governance;

/** Where a patch is in the FIFO chain. */
public enum PatchStatus {
    /** Waiting behind an earlier patch. */
    QUEUED,
    /** Its PATCH_APPROVAL question is open. */
    AWAITING_APPROVAL,
    /** Applied to the working tree; its COMMIT_CONSENT is open or was declined. */
    AWAITING_COMMIT,
    /** Committed and verified. */
    COMMITTED,
    /** The user said NEE. */
    DECLINED,
    /** Failed validation when its turn came; the chain stopped here. */
    FAILED,
    /** Dropped: lost a conflict, or the chain stopped before it. */
    DROPPED;

    public boolean isActive() {
        return this == QUEUED || this == AWAITING_APPROVAL || this == AWAITING_COMMIT;
    }
}
