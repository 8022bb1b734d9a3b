package dev.avalon.core.action;

import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionStatus;


/**
 * Turns the user's answer to one kind of question into an outcome. The outcome must close the
 * question (answered) unless it refuses; a resolver for a kind is registered once.
 */
@FunctionalInterface
public interface QuestionResolver {
    /**
     * @param context the {@code question.answer} action's context
     * @param question the open, unexpired question
     * @param answer   one of {@code question.options()}
     */
    Outcome resolve(ActionContext context, Question question, String answer);

    /**
     * What the question's expiry does, run by the {@code question-expiry} job once the question is
     * past {@code expiresAt} unanswered; the outcome must close it. By default it is closed as EXPIRED
     * and nothing else changes. A kind whose expiry must move something on (a patch chain waiting for
     * an approval) says so here, so that no flow waits for an answer that can no longer come.
     */
    default Outcome expire(ActionContext context, Question question) {
        return Outcome.builder().close(question.closed(QuestionStatus.EXPIRED, null, context.now())).build();
    }
}
