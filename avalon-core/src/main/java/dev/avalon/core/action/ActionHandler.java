package dev.avalon.core.action;

/**
 * Carries out one action: reads what it needs through the context and returns an {@link Outcome}.
 * Handlers never write; they refuse with a {@link Refusal}.
 */
@FunctionalInterface
public interface ActionHandler {
    Outcome handle(ActionContext context);
}
