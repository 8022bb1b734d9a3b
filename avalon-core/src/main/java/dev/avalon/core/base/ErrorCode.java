package dev.avalon.core.base;

/**
 * Stable error codes on the wire. The five governance codes come from the governance spec; the rest
 * are Avalon's own. Front ends may switch on these names; they never change meaning.
 */
public enum ErrorCode {
    /** The request is not JSON, not UTF-8, or not a JSON object. */
    INVALID_JSON,
    /** The envelope is malformed: no action name, unknown envelope fields, wrong types. */
    INVALID_REQUEST,
    /** The request exceeds a size, depth or length limit. */
    PAYLOAD_TOO_LARGE,
    /** No action has this name. */
    UNKNOWN_ACTION,
    /** {@code data} does not match the action's schema, or a field's value is not acceptable. */
    VALIDATION_FAILED,
    /** A referenced thing (question, patch, commit) does not exist. */
    NOT_FOUND,
    /** The caller lacks the scope the action requires. */
    FORBIDDEN,
    /** The caller sent too many requests in the window. */
    RATE_LIMITED,
    /** The idempotency key was used before with a different request. */
    IDEMPOTENCY_CONFLICT,
    /** A high-risk action needs {@code meta.confirm: true}. */
    CONFIRMATION_REQUIRED,
    /** The question has expired. */
    QUESTION_EXPIRED,
    /** The question was already answered, cancelled or superseded. */
    QUESTION_CLOSED,
    /** The answer is not one of the question's options. */
    INVALID_ANSWER,
    /** The content a commit consent names has changed since it was asked. */
    CONSENT_STALE,
    /** A commit precondition failed; details name each failing one. */
    COMMIT_REFUSED,
    /** Disaster recovery is active: only recovery actions run. */
    DR_ACTIVE,
    /** behaviour.avl is inconsistent: only reads and repair run. */
    BEHAVIOUR_INCONSISTENT,
    /** A patch in auto-mode, a protected path, a priority change, or a commit without approval. */
    GOVERNANCE_FORBIDDEN,
    /** A patch that would remove or overwrite behaviour unsafely, or an ML patch beyond its limits. */
    UNSAFE_PATCH,
    /** A patch whose before value is stale, whose type does not match its change, or whose path is invalid. */
    INVALID_PATCH,
    /** Two rules or patches contradict each other. */
    CONFLICT_RULES,
    /** A version bump would be incorrect. */
    VERSIONING_ERROR,
    /** An AUTO_PLAN event overlaps busy time; details name the overlaps and propose the next free slots. */
    CALENDAR_CONFLICT,
    /** An optional port the action needs (remote calendar, mail …) is not wired by the host. */
    PORT_MISSING,
    /** A remote service (the remote calendar) failed or refused; nothing was changed in the brain. */
    REMOTE_FAILED,
    /** The brain's storage failed; the state was frozen and nothing acknowledged was lost. */
    BRAIN_FAILURE,
    /** An unexpected failure inside Avalon; nothing was changed. */
    INTERNAL_ERROR
}
