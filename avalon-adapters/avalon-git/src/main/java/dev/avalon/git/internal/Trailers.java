package dev.avalon.git.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit-message trailers: the {@code Key: value} lines of the message's last paragraph, as
 * {@code git interpret-trailers} reads them, but strict: the paragraph counts only when every line in
 * it is a trailer, and the first paragraph (the subject) never does.
 */
public final class Trailers {

    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*):[ \\t]*(.*)");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    private Trailers() {
    }

    /** The trailers of {@code message}, in order; empty when its last paragraph is not all trailers. */
    public static Map<String, String> parse(String message) {
        String text = message.replace("\r\n", "\n").strip();
        int cut = text.lastIndexOf("\n\n");
        if (cut < 0) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.substring(cut + 2).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                return Map.of();
            }
            out.put(m.group(1), m.group(2).strip());
        }
        return out;
    }

    /**
     * Refuses trailers that would not read back as written: a key must be letters, digits and
     * dashes; a value one line without surrounding blanks.
     */
    public static void requireWellFormed(Map<String, String> trailers) {
        trailers.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("not a trailer key: '" + key + "'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || !value.equals(value.strip())) {
                throw new IllegalArgumentException("trailer " + key + " must be one line without surrounding blanks");
            }
        });
    }
}
