package dev.avalon.core.base;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules for names and titles a user gives (task titles, minutes titles, projects, pots, domains):
 * stored in Unicode NFC, so two spellings of "café" are one name; and free of characters that are
 * invisible or reorder text, so two names that look the same are the same.
 *
 * <p>Refused: control characters (U+0000-U+001F, U+007F-U+009F), zero-width characters (U+200B-U+200D,
 * U+2060, U+FEFF) and bidirectional controls (U+200E, U+200F, U+061C, U+202A-U+202E, U+2066-U+2069).
 */
public final class UserText {

    private UserText() {
    }

    /** {@code text} in Unicode normal form C. */
    public static String normalise(String text) {
        Objects.requireNonNull(text, "text");
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Every reason {@code text} cannot be a name, each naming the first offending character; empty when it can. */
    public static List<String> problems(String text) {
        Objects.requireNonNull(text, "text");
        List<String> problems = new ArrayList<>();
        int control = -1;
        int invisible = -1;
        int bidi = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (control < 0 && Character.isISOControl(c)) {
                control = c;
            } else if (invisible < 0 && isZeroWidth(c)) {
                invisible = c;
            } else if (bidi < 0 && isBidiControl(c)) {
                bidi = c;
            }
        }
        if (control >= 0) {
            problems.add("contains the control character " + codePoint(control)
                    + "; send the name on one line without control characters, e.g. \"Bestuursoverleg\"");
        }
        if (invisible >= 0) {
            problems.add("contains the invisible zero-width character " + codePoint(invisible)
                    + "; remove it so the name looks like what it is");
        }
        if (bidi >= 0) {
            problems.add("contains the text-direction control " + codePoint(bidi)
                    + "; remove it so the name reads as it is stored");
        }
        return problems;
    }

    static boolean isZeroWidth(char c) {
        return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
    }

    static boolean isBidiControl(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
