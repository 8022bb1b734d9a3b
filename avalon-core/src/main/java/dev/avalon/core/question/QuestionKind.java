package dev.avalon.core.question;

/** What a question is about; decides which resolver handles its answer. Wire names identical. */
public enum QuestionKind {
    /** JA/NEE to one behaviour patch. */
    PATCH_APPROVAL,
    /** JA/NEE to committing exactly the named files with the named hashes. */
    COMMIT_CONSENT,
    /** Which of two conflicting patches wins. */
    CONFLICT_RESOLUTION_REQUEST,
    /** JA/NEE to one weekclose proposal. */
    WEEKCLOSE_PROPOSAL,
    /** The Monday finance question. */
    FINANCE_INCOME,
    /** How to allocate income over pots. */
    FINANCE_ALLOCATION,
    /** Disaster-recovery options. */
    DR_OPTIONS
}
