package dev.avalon.testkit.automation;

import dev.avalon.core.port.ConditionLanguage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny {@link ConditionLanguage} for tests: comparisons ({@code ==}, {@code !=}, {@code >},
 * {@code >=}, {@code <}, {@code <=}) of a dotted fact path with a literal (a number, a quoted string,
 * {@code true} or {@code false}), joined by {@code &&}. It passes {@code ConditionLanguageContract}
 * like the CEL adapter; use the CEL adapter for anything richer.
 */
public final class SimpleConditionLanguage implements ConditionLanguage {

    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)\\s*(==|!=|>=|<=|>|<)\\s*(-?\\d+(?:\\.\\d+)?|\"[^\"]*\"|true|false)\\s*");

    private record Comparison(List<String> path, String op, Object literal) {
    }

    @Override
    public Condition compile(String source) {
        if (source.length() > MAX_SOURCE) {
            throw new ConditionException("the condition is longer than " + MAX_SOURCE + " characters");
        }
        List<Comparison> parts = new ArrayList<>();
        for (String part : source.split("&&", -1)) {
            Matcher m = COMPARISON.matcher(part);
            if (!m.matches()) {
                throw new ConditionException("the condition does not compile: '" + part.strip() + "'");
            }
            List<String> path = List.of(m.group(1).split("\\."));
            if (!VARIABLES.contains(path.get(0))) {
                throw new ConditionException("the condition does not compile: unknown name " + path.get(0));
            }
            String lit = m.group(3);
            Object literal = lit.startsWith("\"") ? lit.substring(1, lit.length() - 1)
                    : lit.equals("true") || lit.equals("false") ? (Object) Boolean.valueOf(lit) : Double.valueOf(lit);
            parts.add(new Comparison(path, m.group(2), literal));
        }
        return facts -> parts.stream().allMatch(c -> holds(c, facts));
    }

    private static boolean holds(Comparison c, Map<String, Object> facts) {
        Object value = facts;
        for (String key : c.path()) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new ConditionException("no such fact: " + String.join(".", c.path()));
            }
            value = map.get(key);
        }
        if (c.literal() instanceof Double d) {
            if (!(value instanceof Number n)) {
                throw new ConditionException(String.join(".", c.path()) + " is not a number");
            }
            int cmp = Double.compare(n.doubleValue(), d);
            return switch (c.op()) {
                case "==" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
            };
        }
        boolean equal = c.literal().equals(value);
        return switch (c.op()) {
            case "==" -> equal;
            case "!=" -> !equal;
            default -> throw new ConditionException("only == and != compare " + c.literal().getClass().getSimpleName());
        };
    }
}
