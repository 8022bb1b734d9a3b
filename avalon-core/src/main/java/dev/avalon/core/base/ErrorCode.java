package dev.avalon.core.base;

/**
 * Stable error codes on the wire. The five governance codes come from the governance spec; the rest
 * are Avalon's own. Front ends may switch on these names; they never change meaning.
 */
public final class ErrorCode {

    private static final OpenNames<ErrorCode> NAMES = new OpenNames<>("ErrorCode", ErrorCode::new);

    /** The request is not JSON, not UTF-8, or not a JSON object. */
    public static final ErrorCode INVALID_JSON = of("INVALID_JSON");

    /** The envelope is malformed: no action name, unknown envelope fields, wrong types. */
    public static final ErrorCode INVALID_REQUEST = of("INVALID_REQUEST");

    /** The request exceeds a size, depth or length limit. */
    public static final ErrorCode PAYLOAD_TOO_LARGE = of("PAYLOAD_TOO_LARGE");

    /** No action has this name. */
    public static final ErrorCode UNKNOWN_ACTION = of("UNKNOWN_ACTION");

    /** {@code data} does not match the action's schema, or a field's value is not acceptable. */
    public static final ErrorCode VALIDATION_FAILED = of("VALIDATION_FAILED");

    /** A referenced thing (question, patch, commit) does not exist. */
    public static final ErrorCode NOT_FOUND = of("NOT_FOUND");

    /** The caller lacks the scope the action requires. */
    public static final ErrorCode FORBIDDEN = of("FORBIDDEN");

    /** The caller sent too many requests in the window. */
    public static final ErrorCode RATE_LIMITED = of("RATE_LIMITED");

    /** The idempotency key was used before with a different request. */
    public static final ErrorCode IDEMPOTENCY_CONFLICT = of("IDEMPOTENCY_CONFLICT");

    /** A high-risk action needs {@code meta.confirm: true}. */
    public static final ErrorCode CONFIRMATION_REQUIRED = of("CONFIRMATION_REQUIRED");

    /** The question has expired. */
    public static final ErrorCode QUESTION_EXPIRED = of("QUESTION_EXPIRED");

    /** The question was already answered, cancelled or superseded. */
    public static final ErrorCode QUESTION_CLOSED = of("QUESTION_CLOSED");

    /** The answer is not one of the question's options. */
    public static final ErrorCode INVALID_ANSWER = of("INVALID_ANSWER");

    /** The content a commit consent names has changed since it was asked. */
    public static final ErrorCode CONSENT_STALE = of("CONSENT_STALE");

    /** A commit precondition failed; details name each failing one. */
    public static final ErrorCode COMMIT_REFUSED = of("COMMIT_REFUSED");

    /** Disaster recovery is active: only recovery actions run. */
    public static final ErrorCode DR_ACTIVE = of("DR_ACTIVE");

    /** behaviour.avl is inconsistent: only reads and repair run. */
    public static final ErrorCode BEHAVIOUR_INCONSISTENT = of("BEHAVIOUR_INCONSISTENT");

    /** A patch in auto-mode, a protected path, a priority change, or a commit without approval. */
    public static final ErrorCode GOVERNANCE_FORBIDDEN = of("GOVERNANCE_FORBIDDEN");

    /** A patch that would remove or overwrite behaviour unsafely, or an ML patch beyond its limits. */
    public static final ErrorCode UNSAFE_PATCH = of("UNSAFE_PATCH");

    /** A patch whose before value is stale, whose type does not match its change, or whose path is invalid. */
    public static final ErrorCode INVALID_PATCH = of("INVALID_PATCH");

    /** Two rules or patches contradict each other. */
    public static final ErrorCode CONFLICT_RULES = of("CONFLICT_RULES");

    /** A version bump would be incorrect. */
    public static final ErrorCode VERSIONING_ERROR = of("VERSIONING_ERROR");

    /** An optional port the action needs (remote calendar, mail …) is not wired by the host. */
    public static final ErrorCode PORT_MISSING = of("PORT_MISSING");

    /** The brain's storage failed; the state was frozen and nothing acknowledged was lost. */
    public static final ErrorCode BRAIN_FAILURE = of("BRAIN_FAILURE");

    /** An unexpected failure inside Avalon; nothing was changed. */
    public static final ErrorCode INTERNAL_ERROR = of("INTERNAL_ERROR");

    private final String name;

    private ErrorCode(String name) {
        this.name = name;
    }

    /**
     * The ErrorCode named {@code name}: one of the constants here, or one a feature registers.
     *
     * @throws IllegalArgumentException when the name is not of the wire style
     */
    public static ErrorCode of(String name) {
        return NAMES.of(name);
    }

    /** Core's own ErrorCodes, the constants above; features register theirs. */
    public static java.util.List<ErrorCode> core() {
        return java.util.List.of(INVALID_JSON, INVALID_REQUEST, PAYLOAD_TOO_LARGE, UNKNOWN_ACTION, VALIDATION_FAILED, NOT_FOUND, FORBIDDEN, RATE_LIMITED, IDEMPOTENCY_CONFLICT, CONFIRMATION_REQUIRED, QUESTION_EXPIRED, QUESTION_CLOSED, INVALID_ANSWER, CONSENT_STALE, COMMIT_REFUSED, DR_ACTIVE, BEHAVIOUR_INCONSISTENT, GOVERNANCE_FORBIDDEN, UNSAFE_PATCH, INVALID_PATCH, CONFLICT_RULES, VERSIONING_ERROR, PORT_MISSING, BRAIN_FAILURE, INTERNAL_ERROR);
    }

    /** The wire name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
