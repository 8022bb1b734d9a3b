package dev.avalon.xlsx.internal;

/**
 * How user text goes into a cell so that it comes back exactly as written.
 *
 * <p>The sheet XML cannot hold most control characters, and readers turn {@code _xHHHH_} into the
 * character it names. So such characters are written as {@code _xHHHH_}, and a literal {@code _x}
 * as {@code _x005F_x}, the escape Excel itself uses; POI undoes both when it reads the cell.
 */
final class CellText {

    /** Excel's limit on the characters of one cell, after escaping. */
    static final int MAX_CHARS = 32_767;

    private CellText() {
    }

    /** Text a spreadsheet would take for a formula, a DDE call or an instruction if typed in. */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** The form to store, which POI's reader turns back into {@code text}; {@code where} names the cell for errors. */
    static String escape(String text, String where) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (c == '_' && i + 1 < text.length() && text.charAt(i + 1) == 'x') {
                replacement = "_x005F_";
            } else if (!storable(text, i)) {
                replacement = String.format("_x%04X_", (int) c);
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        String stored = out == null ? text : out.toString();
        if (stored.length() > MAX_CHARS) {
            throw new IllegalArgumentException(where + ": text longer than a cell holds (" + MAX_CHARS
                    + " characters once escaped): " + text.substring(0, 40) + "…");
        }
        return stored;
    }

    private static boolean storable(String text, int i) {
        char c = text.charAt(i);
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }
}
