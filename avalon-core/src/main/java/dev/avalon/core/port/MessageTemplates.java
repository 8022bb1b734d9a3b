package dev.avalon.core.port;

import java.util.Map;

/**
 * Renders the message templates of automations ({@code {{event.data.title}}}; the Mustache adapter,
 * {@code avalon-mustache}). Plain text: nothing is HTML-escaped. A template sees only the data it is
 * given (maps, lists and plain values, as for {@link ConditionLanguage}): no partials, no files, no
 * methods called on values.
 *
 * <p>Contract (checked by {@code MessageTemplatesContract} in avalon-testkit): a template longer than
 * {@link #MAX_TEMPLATE} characters or that does not parse is refused with a {@link TemplateException};
 * a missing name renders as nothing; a section over a list repeats; output beyond {@link #MAX_OUTPUT}
 * characters is refused.
 */
public interface MessageTemplates {

    /** Longest template, in characters. */
    int MAX_TEMPLATE = 4000;

    /** Longest rendered text, in characters. */
    int MAX_OUTPUT = 16_000;

    /** {@code template} filled in with {@code data}. */
    String render(String template, Map<String, Object> data);

    /** Why a template could not be rendered; the message is for the user. */
    final class TemplateException extends RuntimeException {
        public TemplateException(String message) {
            super(message);
        }

        public TemplateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
