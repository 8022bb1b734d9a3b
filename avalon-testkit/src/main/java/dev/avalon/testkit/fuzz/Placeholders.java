package dev.avalon.testkit.fuzz;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders inside generated JSON strings, written {@code «ref:EV:3»} or {@code «t:90:OFFSET»}, and
 * their resolution. The guillemets keep them apart from anything a schema would generate itself.
 */
public final class Placeholders {

    private static final Pattern TOKEN = Pattern.compile("«(ref|t):([^:»]*):([^»]*)»");

    private Placeholders() {
    }

    /** A reference to an existing thing of {@code kind}; see {@link Bindings#ref}. */
    public static String ref(String kind, int pick) {
        return "«ref:" + kind + ":" + Math.abs(pick) + "»";
    }

    /** A time {@code minutes} from the clock's now; see {@link Bindings#time}. */
    public static String time(long minutes, Bindings.TimeShape shape) {
        return "«t:" + minutes + ":" + shape.name() + "»";
    }

    /** {@code text} with every placeholder replaced by what {@code bindings} says. */
    public static String resolve(String text, Bindings bindings) {
        if (text.indexOf('«') < 0) {
            return text;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "ref" -> bindings.ref(m.group(2), Integer.parseInt(m.group(3)));
                default -> bindings.time(Long.parseLong(m.group(2)),
                        Bindings.TimeShape.valueOf(m.group(3).toUpperCase(Locale.ROOT)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
