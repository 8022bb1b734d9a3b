package dev.avalon.core.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code ACTION:} line: a target and its parameters, as written, before the whitelist has looked
 * at it. The grammar (whitespace is spaces and tabs):
 *
 * <pre>
 * line   = ws* "ACTION:" ws* target (ws+ param)* ws*
 * target = NAME "." NAME        system and action, e.g. N8N.SEND_EMAIL
 *        | NAME                 the action alone; the whitelist names its one system
 * NAME   = [A-Z][A-Z0-9_]{0,63}
 * param  = KEY "=" value        each key at most once
 * KEY    = [a-z][A-Za-z0-9_]{0,63}
 * value  = bare | quoted
 * bare   = one or more characters, none of them whitespace or '"'
 * quoted = '"' ( '\"' | '\\' | any character but '"', '\' and a line break )* '"'
 * </pre>
 *
 * A value never holds a line break (what {@code \R} matches: LF, VT, FF, CR, NEL, LS, PS): a line is a
 * line. {@link #render()} writes the canonical form,
 * quoting a value only when it must, so {@code parse(render(x))} is {@code x}.
 *
 * @param system the system, or empty when the line named the action alone
 * @param action the action
 * @param params the parameters in the order written; values as text
 */
public record CommandLine(Optional<String> system, String action, Map<String, String> params) {

    /** The keyword a command line starts with. */
    public static final String KEYWORD = "ACTION:";

    static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9_]{0,63}");

    public CommandLine {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(action, "action");
        system.ifPresent(s -> require(NAME, s, "system"));
        require(NAME, action, "action");
        Map<String, String> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            require(KEY, k, "key");
            Objects.requireNonNull(v, "value");
            if (v.chars().anyMatch(CommandLine::isLineBreak)) {
                throw new IllegalArgumentException("a value holds no line break: " + k);
            }
            copy.put(k, v);
        });
        params = Collections.unmodifiableMap(copy);
    }

    private static void require(Pattern p, String value, String what) {
        if (!p.matcher(value).matches()) {
            throw new IllegalArgumentException("not a " + what + ": " + value);
        }
    }

    /** {@code SYSTEM.ACTION}, or the action alone. */
    public String target() {
        return system.map(s -> s + "." + action).orElse(action);
    }

    /** The line in canonical form: one space between the parts, values quoted only when they must be. */
    public String render() {
        StringBuilder b = new StringBuilder(KEYWORD).append(' ').append(target());
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(quoted(v)));
        return b.toString();
    }

    private static String quoted(String v) {
        boolean plain = !v.isEmpty() && v.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"');
        if (plain) {
            return v;
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Whether {@code c} ends a line, as {@code \R} sees it. */
    static boolean isLineBreak(int c) {
        return c >= 0x0A && c <= 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** Whether {@code line} is meant as a command line: it starts with {@link #KEYWORD} after blanks. */
    public static boolean isCommand(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.startsWith(KEYWORD, i);
    }

    /** The lines of {@code text} that are meant as command lines, in order. */
    public static List<String> linesOf(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (isCommand(line)) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * Reads one command line.
     *
     * @throws SyntaxError naming the first place where the line leaves the grammar
     */
    public static CommandLine parse(String line) {
        return new Reader(line).line();
    }

    /** A line that is not in the grammar; the message says where and what was expected. */
    public static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    /** The tokenizer: one pass over the characters, no backtracking. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = Objects.requireNonNull(s, "line");
        }

        CommandLine line() {
            blanks();
            if (!s.startsWith(KEYWORD, i)) {
                throw error("expected " + KEYWORD);
            }
            i += KEYWORD.length();
            blanks();
            String first = word(NAME, "a system or action name in capitals, e.g. N8N.SEND_EMAIL");
            Optional<String> system = Optional.empty();
            String action = first;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                system = Optional.of(first);
                action = word(NAME, "an action name in capitals after the dot");
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int before = i;
                blanks();
                if (i >= s.length()) {
                    break;
                }
                if (i == before) {
                    throw error("expected a space before the next parameter");
                }
                int at = i;
                String key = word(KEY, "a parameter name such as to= (lower-case first letter)");
                if (i >= s.length() || s.charAt(i) != '=') {
                    throw error("expected = after " + key);
                }
                i++;
                String value = value(key);
                if (params.put(key, value) != null) {
                    i = at;
                    throw error("parameter " + key + " is given twice");
                }
            }
            return new CommandLine(system, action, params);
        }

        private String value(String key) {
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                StringBuilder b = new StringBuilder();
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '"') {
                        return b.toString();
                    }
                    if (isLineBreak(c)) {
                        break;
                    }
                    if (c == '\\') {
                        if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\\')) {
                            b.append(s.charAt(i++));
                            continue;
                        }
                        throw error("only \\\" and \\\\ are escapes in a quoted value");
                    }
                    b.append(c);
                }
                throw error("the quoted value of " + key + " is not closed");
            }
            int start = i;
            while (i < s.length() && !blank(s.charAt(i))) {
                char c = s.charAt(i);
                if (c == '"' || isLineBreak(c)) {
                    throw error("a value with \" or spaces is written in quotes");
                }
                i++;
            }
            if (i == start) {
                throw error("expected a value after " + key + "= (write \"\" for an empty one)");
            }
            return s.substring(start, i);
        }

        private String word(Pattern p, String expected) {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String w = s.substring(start, i);
            if (!p.matcher(w).matches()) {
                i = start;
                throw error("expected " + expected);
            }
            return w;
        }

        private void blanks() {
            while (i < s.length() && blank(s.charAt(i))) {
                i++;
            }
        }

        private static boolean blank(char c) {
            return c == ' ' || c == '\t';
        }

        private SyntaxError error(String what) {
            return new SyntaxError("at column " + (i + 1) + ": " + what);
        }
    }
}
