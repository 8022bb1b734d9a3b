package dev.avalon.core.governance;

import dev.avalon.core.base.OpenNames;

/** Each precondition of a commit (seed 06 §5), named so a refusal says exactly which failed. */
public final class CommitRefusalReason {

    private static final OpenNames<CommitRefusalReason> NAMES = new OpenNames<>("CommitRefusalReason", CommitRefusalReason::new);

    /** The answer was not JA. */
    public static final CommitRefusalReason NO_USER_APPROVAL = of("NO_USER_APPROVAL");

    /** The consent question expired. */
    public static final CommitRefusalReason CONSENT_EXPIRED = of("CONSENT_EXPIRED");

    /** A consented file's content changed after the question was asked. */
    public static final CommitRefusalReason CONTENT_CHANGED = of("CONTENT_CHANGED");

    /** Auto-mode, DR or an inconsistent behaviour forbids commits. */
    public static final CommitRefusalReason STATE_FORBIDS_COMMIT = of("STATE_FORBIDS_COMMIT");

    /** behaviour.avl fails JSON, schema or SemVer validation. */
    public static final CommitRefusalReason BEHAVIOUR_INVALID = of("BEHAVIOUR_INVALID");

    /** The audit chain does not verify. */
    public static final CommitRefusalReason AUDIT_CHAIN_BROKEN = of("AUDIT_CHAIN_BROKEN");

    /** A consented change has no audit entry. */
    public static final CommitRefusalReason AUDIT_ENTRY_MISSING = of("AUDIT_ENTRY_MISSING");

    /** The consent names working state or a path outside the brain's content. */
    public static final CommitRefusalReason FORBIDDEN_MODIFICATION = of("FORBIDDEN_MODIFICATION");

    /** Nothing the consent names differs from HEAD. */
    public static final CommitRefusalReason NOTHING_TO_COMMIT = of("NOTHING_TO_COMMIT");

    private final String name;

    private CommitRefusalReason(String name) {
        this.name = name;
    }

    /**
     * The CommitRefusalReason named {@code name}: one of the constants here, or one a feature registers.
     *
     * @throws IllegalArgumentException when the name is not of the wire style
     */
    public static CommitRefusalReason of(String name) {
        return NAMES.of(name);
    }

    /** Core's own CommitRefusalReasons, the constants above; features register theirs. */
    public static java.util.List<CommitRefusalReason> core() {
        return java.util.List.of(NO_USER_APPROVAL, CONSENT_EXPIRED, CONTENT_CHANGED, STATE_FORBIDS_COMMIT, BEHAVIOUR_INVALID, AUDIT_CHAIN_BROKEN, AUDIT_ENTRY_MISSING, FORBIDDEN_MODIFICATION, NOTHING_TO_COMMIT);
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
