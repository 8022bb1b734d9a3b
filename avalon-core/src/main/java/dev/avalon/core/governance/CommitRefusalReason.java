package dev.avalon.core.governance;

/** Each precondition of a commit (seed 06 §5), named so a refusal says exactly which failed. */
public enum CommitRefusalReason {
    /** The answer was not JA. */
    NO_USER_APPROVAL,
    /** The consent question expired. */
    CONSENT_EXPIRED,
    /** A consented file's content changed after the question was asked. */
    CONTENT_CHANGED,
    /** Auto-mode, DR or an inconsistent behaviour forbids commits. */
    STATE_FORBIDS_COMMIT,
    /** behaviour.avl fails JSON, schema or SemVer validation. */
    BEHAVIOUR_INVALID,
    /** The audit chain does not verify. */
    AUDIT_CHAIN_BROKEN,
    /** A consented change has no audit entry. */
    AUDIT_ENTRY_MISSING,
    /** The consent names working state or a path outside the brain's content. */
    FORBIDDEN_MODIFICATION,
    /** Nothing the consent names differs from HEAD. */
    NOTHING_TO_COMMIT,
    /** iCalendar invites are waiting to be sent or have failed. */
    ICS_FAILURES_PENDING
}
