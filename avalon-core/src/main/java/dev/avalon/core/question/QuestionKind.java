package dev.avalon.core.question;

import dev.avalon.core.base.OpenNames;

/** What a question is about; decides which resolver handles its answer. Wire names identical. */
public final class QuestionKind {

    private static final OpenNames<QuestionKind> NAMES = new OpenNames<>("QuestionKind", QuestionKind::new);

    /** JA/NEE to one behaviour patch. */
    public static final QuestionKind PATCH_APPROVAL = of("PATCH_APPROVAL");

    /** JA/NEE to committing exactly the named files with the named hashes. */
    public static final QuestionKind COMMIT_CONSENT = of("COMMIT_CONSENT");

    /** Which of two conflicting patches wins. */
    public static final QuestionKind CONFLICT_RESOLUTION_REQUEST = of("CONFLICT_RESOLUTION_REQUEST");

    /** Disaster-recovery options. */
    public static final QuestionKind DR_OPTIONS = of("DR_OPTIONS");

    private final String name;

    private QuestionKind(String name) {
        this.name = name;
    }

    /**
     * The QuestionKind named {@code name}: one of the constants here, or one a feature registers.
     *
     * @throws IllegalArgumentException when the name is not of the wire style
     */
    public static QuestionKind of(String name) {
        return NAMES.of(name);
    }

    /** Core's own QuestionKinds, the constants above; features register theirs. */
    public static java.util.List<QuestionKind> core() {
        return java.util.List.of(PATCH_APPROVAL, COMMIT_CONSENT, CONFLICT_RESOLUTION_REQUEST, DR_OPTIONS);
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
