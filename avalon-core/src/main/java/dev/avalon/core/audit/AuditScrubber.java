package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avalon.core.json.Json;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in audit details before they are sealed into the chain, where they could
 * never be removed again without breaking it.
 *
 * <p>In every string value of the tree, at any depth, it replaces
 * <ul>
 *   <li>e-mail addresses with {@value #EMAIL},</li>
 *   <li>IBANs (compact or in groups of four, with a valid ISO 13616 check) with {@value #IBAN},</li>
 *   <li>phone numbers with {@value #PHONE}: international ({@code +31 6 12345678},
 *       {@code 0031 20 1234567}, {@code +31 (0)6 …}) and Dutch national ten-digit numbers
 *       ({@code 06-12345678}, {@code 020 123 4567}).</li>
 * </ul>
 * Object keys, numbers, booleans and ordinary text are left as they are: a number value is data,
 * not a phone number, and a bare run of digits without a leading {@code 0} or {@code +} is not
 * taken for one. The IBAN check digits are verified so that product codes that merely look like an
 * IBAN are kept.
 *
 * <pre>{@code
 * AuditScrubber.scrub(Json.parse("{\"note\":\"bel 06-12345678\"}"));   // {"note":"bel [phone]"}
 * }</pre>
 */
public final class AuditScrubber {

    /** Replaces an e-mail address. */
    public static final String EMAIL = "[email]";
    /** Replaces a phone number. */
    public static final String PHONE = "[phone]";
    /** Replaces an IBAN. */
    public static final String IBAN = "[iban]";

    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?<![\\w.%+-])[\\w.%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}])",
            Pattern.UNICODE_CHARACTER_CLASS);

    // country code, check digits, then the account in groups of four as printed or all run together
    private static final Pattern IBAN_NUMBER = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])");

    // the separators people type inside a number; a letter or digit right before or after means the
    // digits belong to something else (an id, an amount, a date)
    private static final String SEP = "[ .\\-]?";
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+|00)[1-9][0-9]{0,2}" + SEP + "(?:\\(0\\)" + SEP + ")?"
                    + "[0-9](?:" + SEP + "[0-9]){6,11}(?![\\w])(?!\\.[0-9])");
    private static final Pattern NATIONAL_PHONE = Pattern.compile(
            "(?<![\\w+.,])0[1-9](?:" + SEP + "[0-9]){8}(?![\\w])(?!\\.[0-9])");

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private AuditScrubber() {
    }

    /**
     * A copy of {@code data} with personal data masked in every string value; keys and non-string
     * values are copied unchanged, and {@code data} itself is not modified.
     */
    public static JsonNode scrub(JsonNode data) {
        Objects.requireNonNull(data, "data");
        if (data.isObject()) {
            ObjectNode copy = Json.object();
            Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), scrub(field.getValue()));
            }
            return copy;
        }
        if (data.isArray()) {
            ArrayNode copy = Json.nodes().arrayNode(data.size());
            for (JsonNode element : data) {
                copy.add(scrub(element));
            }
            return copy;
        }
        if (data.isTextual()) {
            return TextNode.valueOf(scrub(data.textValue()));
        }
        return data.deepCopy();
    }

    /** {@code text} with e-mail addresses, IBANs and phone numbers masked. */
    public static String scrub(String text) {
        Objects.requireNonNull(text, "text");
        // e-mail first: its local part may hold digits a phone pattern would otherwise take
        String out = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        // IBANs before phones: the account digits inside an IBAN can look like a phone number
        out = replaceIbans(out);
        out = INTERNATIONAL_PHONE.matcher(out).replaceAll(Matcher.quoteReplacement(PHONE));
        return NATIONAL_PHONE.matcher(out).replaceAll(Matcher.quoteReplacement(PHONE));
    }

    private static String replaceIbans(String text) {
        Matcher m = IBAN_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(maskIban(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The candidate with its IBAN masked, if it holds one. In the grouped form the pattern may have
     * run on into a following four-letter word ("BE68 5390 0754 7034 deze"), so shorter prefixes
     * ending at a group boundary are tried too, longest first.
     */
    private static String maskIban(String candidate) {
        for (int end = candidate.length(); end >= 15; end--) {
            if ((end == candidate.length() || candidate.charAt(end) == ' ') && isIban(candidate.substring(0, end))) {
                return IBAN + candidate.substring(end);
            }
        }
        return candidate;
    }

    /** The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 is 1. */
    static boolean isIban(String candidate) {
        String compact = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else {
                digits.append(c - 'A' + 10);
            }
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).equals(BigInteger.ONE);
    }
}
