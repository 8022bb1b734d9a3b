package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what kind of change turns one JSON document into another, the "real" type a patch's
 * declared type must match (seed 06 §3.2 rule 2).
 *
 * <ul>
 *   <li>{@link PatchType#PATCH PATCH}: only leaf values changed, each keeping its JSON type (a number
 *       stays a number, a string a string, a boolean a boolean); no key added or removed; every
 *       array keeps its length.</li>
 *   <li>{@link PatchType#MINOR MINOR}: something was added (an object key, an array element at the
 *       end), nothing was removed and no node changed its type.</li>
 *   <li>{@link PatchType#MAJOR MAJOR}: something was removed (a key, an array element), or a node
 *       changed its type ({@code 3 → "3"}, {@code null → 3}, a scalar → an object, an object → an
 *       array).</li>
 * </ul>
 * The largest kind found anywhere in the difference is the answer. Arrays are compared by position,
 * the same way {@link DotPath} addresses them, so removing an element in the middle is MAJOR.
 * Numbers are compared by value: {@code 3} and {@code 3.0} are equal.
 *
 * <p>A {@link com.fasterxml.jackson.databind.node.MissingNode MissingNode} stands for "no value":
 * from missing to a value is MINOR, from a value to missing is MAJOR.
 */
public final class ChangeClassifier {

    private ChangeClassifier() {
    }

    /** The kind of change from {@code before} to {@code after}; empty when they are equal. */
    public static Optional<PatchType> classify(JsonNode before, JsonNode after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        return Optional.ofNullable(diff(before, after, null));
    }

    /** JSON equality with numbers compared by value ({@code 3} equals {@code 3.0}). */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return classify(a, b).isEmpty();
    }

    /**
     * Whether going from {@code before} to {@code after} drops behaviour: {@code after} is missing
     * while {@code before} is not, or somewhere inside, a key or array element of {@code before} is
     * gone, or a non-empty object or array was replaced by a value of another type.
     */
    public static boolean dropsSomething(JsonNode before, JsonNode after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.isMissingNode()) {
            return false;
        }
        if (after.isMissingNode()) {
            return true;
        }
        if (before.isObject()) {
            if (!after.isObject()) {
                return !before.isEmpty();
            }
            for (Map.Entry<String, JsonNode> e : before.properties()) {
                if (dropsSomething(e.getValue(), after.path(e.getKey()))) {
                    return true;
                }
            }
            return false;
        }
        if (before.isArray()) {
            if (!after.isArray()) {
                return !before.isEmpty();
            }
            if (after.size() < before.size()) {
                return true;
            }
            for (int i = 0; i < before.size(); i++) {
                if (dropsSomething(before.get(i), after.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The largest change between the two, at least {@code floor}; {@code null} for none. */
    private static PatchType diff(JsonNode a, JsonNode b, PatchType floor) {
        if (a == b) {
            // a subtree the patched document shares with the original has not changed
            return floor;
        }
        if (floor == PatchType.MAJOR) {
            return floor;
        }
        if (a.isMissingNode() || b.isMissingNode()) {
            if (a.isMissingNode() && b.isMissingNode()) {
                return floor;
            }
            return max(floor, a.isMissingNode() ? PatchType.MINOR : PatchType.MAJOR);
        }
        // Every kind of number node (int, long, big integer, decimal, double) reports NUMBER.
        if (a.getNodeType() != b.getNodeType()) {
            return PatchType.MAJOR;
        }
        switch (a.getNodeType()) {
            case OBJECT -> {
                PatchType found = floor;
                for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator();
                     it.hasNext() && found != PatchType.MAJOR; ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    found = diff(e.getValue(), b.path(e.getKey()), found);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = b.properties().iterator();
                     it.hasNext() && found != PatchType.MAJOR; ) {
                    if (!a.has(it.next().getKey())) {
                        found = max(found, PatchType.MINOR);
                    }
                }
                return found;
            }
            case ARRAY -> {
                if (b.size() < a.size()) {
                    return PatchType.MAJOR;
                }
                PatchType found = b.size() > a.size() ? max(floor, PatchType.MINOR) : floor;
                for (int i = 0; i < a.size() && found != PatchType.MAJOR; i++) {
                    found = diff(a.get(i), b.get(i), found);
                }
                return found;
            }
            default -> {
                return scalarEquals(a, b) ? floor : max(floor, PatchType.PATCH);
            }
        }
    }

    private static boolean scalarEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return numberEquals(a, b);
        }
        return a.equals(b);
    }

    private static boolean numberEquals(JsonNode a, JsonNode b) {
        if (!isFinite(a) || !isFinite(b)) {
            // NaN and infinities have no BigDecimal form; they can only come from trees built in code.
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return decimal(a).compareTo(decimal(b)) == 0;
    }

    /** The exact value of a finite number node. */
    static BigDecimal decimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return new BigDecimal(number.bigIntegerValue());
        }
        return number.decimalValue();
    }

    /** Whether a number node has a finite value (always, except NaN or infinite doubles and floats). */
    static boolean isFinite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    private static PatchType max(PatchType a, PatchType b) {
        return a == null ? b : a.max(b);
    }
}
