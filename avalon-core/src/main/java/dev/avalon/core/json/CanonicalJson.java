package dev.avalon.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A deterministic text form of a JSON tree: object keys sorted by code point, no insignificant
 * whitespace (or, for files, two-space indentation), numbers in their plain shortest decimal form.
 * Hashes over this form are reproducible whatever order the tree was built in.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** One line, no spaces. */
    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(128);
        write(node, out, -1, 0);
        return out.toString();
    }

    /** Two-space indented, keys sorted; used for every JSON file in the brain. */
    public static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out, 2, 0);
        return out.toString();
    }

    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the canonical one-line form. */
    public static String sha256(JsonNode node) {
        return sha256Hex(bytes(node));
    }

    /** Lower-case hex SHA-256 of raw bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out, int indent, int level) {
        JsonNodeType type = node == null ? JsonNodeType.NULL : node.getNodeType();
        switch (type) {
            case OBJECT -> writeObject((ObjectNode) node, out, indent, level);
            case ARRAY -> writeArray((ArrayNode) node, out, indent, level);
            case STRING -> quote(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case BINARY, POJO -> quote(node.asText(), out);
            default -> out.append("null");
        }
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() == 0) {
            return "0";
        }
        value = value.stripTrailingZeros();
        return value.scale() <= 0 ? value.toBigIntegerExact().toString() : value.toPlainString();
    }

    private static void writeObject(ObjectNode node, StringBuilder out, int indent, int level) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        names.sort(null);
        if (names.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(out, indent, level + 1);
            quote(names.get(i), out);
            out.append(indent < 0 ? ":" : ": ");
            write(node.get(names.get(i)), out, indent, level + 1);
        }
        newline(out, indent, level);
        out.append('}');
    }

    private static void writeArray(ArrayNode node, StringBuilder out, int indent, int level) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(out, indent, level + 1);
            write(node.get(i), out, indent, level + 1);
        }
        newline(out, indent, level);
        out.append(']');
    }

    private static void newline(StringBuilder out, int indent, int level) {
        if (indent >= 0) {
            out.append('\n');
            for (int i = indent * level; i > 0; i--) {
                out.append(' ');
            }
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && !escaped(s.charAt(plain))) {
            plain++;
        }
        // most strings need no escape at all: one bulk append instead of one per char
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029;
    }
}
