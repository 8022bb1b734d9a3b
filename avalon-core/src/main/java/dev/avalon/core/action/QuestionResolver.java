package dev.avalon.core.action;

import dev.avalon.core.question.Question;


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
}
