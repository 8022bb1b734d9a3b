package dev.avalon.testkit.fuzz;

import java.util.Objects;

/**
 * One generated request: the raw envelope text, possibly with {@link Placeholders}, and what it is.
 *
 * @param action     the action it is meant for (the envelope may say otherwise when the envelope itself
 *                   is the hostile part)
 * @param mix        which kind of values it carries
 * @param inputClass what is special about it, stable across runs, e.g. {@code valid},
 *                   {@code boundary:max@/stress} or {@code hostile:lone-surrogate@/activiteit}; known gaps
 *                   are listed by it
 * @param template   the envelope as raw JSON text, with placeholders
 */
public record FuzzRequest(String action, Mix mix, String inputClass, String template) {

    /** Requests longer than this are shown shortened in {@link #toString()}. */
    private static final int SHOWN = 600;

    public FuzzRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(inputClass, "inputClass");
        Objects.requireNonNull(template, "template");
    }

    /** The raw text to send, placeholders resolved. */
    public String resolve(Bindings bindings) {
        return Placeholders.resolve(template, bindings);
    }

    /** {@code template} shortened to a readable length, with its full length when shortened. */
    public static String shorten(String text) {
        return text.length() <= SHOWN ? text
                : text.substring(0, SHOWN / 2) + " …[" + text.length() + " chars]… "
                        + text.substring(text.length() - SHOWN / 4);
    }

    @Override
    public String toString() {
        return action + " [" + inputClass + "] " + shorten(template);
    }
}
