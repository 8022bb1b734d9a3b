package dev.avalon.core.json;

/**
 * Bounds on what Avalon will read from a caller, checked while parsing so that oversized input is
 * refused cheaply.
 *
 * @param maxPayloadBytes  the whole request, in UTF-8 bytes
 * @param maxNestingDepth  objects and arrays inside each other
 * @param maxStringLength  one string value, in characters
 * @param maxNumberLength  one number's digits
 * @param maxNameLength    one property name
 */
public record ReadLimits(int maxPayloadBytes, int maxNestingDepth, int maxStringLength, int maxNumberLength,
                         int maxNameLength) {

    public ReadLimits {
        if (maxPayloadBytes <= 0 || maxNestingDepth <= 0 || maxStringLength <= 0 || maxNumberLength <= 0
                || maxNameLength <= 0) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    /** 256 KiB payload, depth 32, strings up to 64 Ki characters, numbers up to 40 digits, names up to 256. */
    public static ReadLimits defaults() {
        return new ReadLimits(256 * 1024, 32, 64 * 1024, 40, 256);
    }
}
