package dev.avalon.core.question;

/** A question's life: OPEN until answered, expired, cancelled, or superseded by a newer one. */
public enum QuestionStatus {
    OPEN, ANSWERED, EXPIRED, CANCELLED, SUPERSEDED;

    public boolean isClosed() {
        return this != OPEN;
    }
}
