package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Dot paths into a JSON document, the addressing of patches: {@code reminderEscalationRules.threshold},
 * {@code domains.VSB.colour}, {@code reminderEscalationRules.levels.0}.
 *
 * <p>A path is one or more segments of {@code [A-Za-z0-9_-]}, joined by dots, 1 to 256 characters in
 * all (the same grammar as the patch schema). In an object a segment is a key; in an array a segment
 * is an index, written in plain decimal without leading zeros ({@code 0}, {@code 7}, not {@code 07}),
 * so that every array element has exactly one path. The root itself has no path.
 *
 * <p>Documents are never modified: {@link #with} returns a changed deep copy.
 */
public final class DotPath {

    /** The longest path accepted, in characters. */
    public static final int MAX_LENGTH = 256;

    private DotPath() {
    }

    /** Whether {@code path} follows the grammar above; {@code false} for {@code null}. */
    public static boolean isValid(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
            return false;
        }
        // the grammar by hand: checked on every proposal, where a regular expression cost more than the rest
        boolean segmentStart = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    /**
     * The segments of a valid path, in order.
     *
     * @throws IllegalArgumentException when the path is not {@linkplain #isValid valid}
     */
    public static List<String> segments(String path) {
        requireValid(path);
        List<String> segments = new java.util.ArrayList<>(4);
        int from = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
            segments.add(path.substring(from, dot));
            from = dot + 1;
        }
        segments.add(path.substring(from));
        return List.copyOf(segments);
    }

    /**
     * A copy of the value at {@code path}, or a {@link MissingNode} when there is none (a missing key,
     * an index out of range, a segment that is not an index into an array, or a scalar on the way).
     *
     * @throws IllegalArgumentException when the path is not valid
     */
    public static JsonNode get(JsonNode doc, String path) {
        Objects.requireNonNull(doc, "doc");
        JsonNode node = doc;
        for (String segment : segments(path)) {
            node = child(node, segment);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node.deepCopy();
    }

    /**
     * A deep copy of {@code doc} with {@code value} at {@code path}.
     *
     * <ul>
     *   <li>In an object the key is set, added, or (for a {@link MissingNode} value) removed.</li>
     *   <li>In an array an index below the size replaces (or, for a missing value, removes, shifting
     *       the later elements); the index equal to the size appends.</li>
     *   <li>Missing parents are created as objects (an index equal to an array's size appends one);
     *       removing below a missing parent changes nothing.</li>
     * </ul>
     *
     * @param value the new value (copied), or a {@link MissingNode} to remove; {@code null} is
     *              treated as a missing node
     * @throws IllegalArgumentException when the path is not valid, or cannot be applied: {@code doc}
     *                                  or a parent is neither an object nor an array, a segment
     *                                  indexes an array but is not an index, or an index is beyond
     *                                  the end of its array
     */
    public static JsonNode with(JsonNode doc, String path, JsonNode value) {
        return with(doc, path, value, false);
    }

    /**
     * As {@link #with}, but only the containers along {@code path} are copied: every other subtree of
     * the result is the same node as in {@code doc}. For checks that compare the two documents on
     * every request (a comparison can skip what is shared); neither document may be modified after.
     */
    public static JsonNode withShared(JsonNode doc, String path, JsonNode value) {
        return with(doc, path, value, true);
    }

    private static JsonNode with(JsonNode doc, String path, JsonNode value, boolean share) {
        Objects.requireNonNull(doc, "doc");
        List<String> segments = segments(path);
        boolean remove = value == null || value.isMissingNode();
        if (!doc.isContainerNode()) {
            throw new IllegalArgumentException("cannot apply " + path + ": the document is not an object or array");
        }
        JsonNode copy = share ? shallowCopy(doc) : doc.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < segments.size() - 1; i++) {
            String segment = segments.get(i);
            JsonNode next = child(parent, segment);
            if (share && next.isContainerNode()) {
                next = shallowCopy(next);
                put(parent, segment, next, path, i);
            }
            if (next.isMissingNode()) {
                if (remove) {
                    return copy;
                }
                next = JsonNodeFactory.instance.objectNode();
                put(parent, segment, next, path, i);
            } else if (!next.isContainerNode()) {
                throw new IllegalArgumentException("cannot apply " + path + ": "
                        + String.join(".", segments.subList(0, i + 1)) + " is a " + describe(next)
                        + ", not an object or array");
            }
            parent = next;
        }
        String last = segments.get(segments.size() - 1);
        if (remove) {
            removeChild(parent, last, path, segments.size() - 1);
        } else {
            put(parent, last, value.deepCopy(), path, segments.size() - 1);
        }
        return copy;
    }

    /**
     * Whether two paths touch the same part of a document: they are equal, or one is an ancestor of
     * the other at a segment boundary ({@code drRules} overlaps {@code drRules.x} but not
     * {@code drRulesX}). The empty string stands for the root and overlaps every path.
     */
    public static boolean overlaps(String a, String b) {
        return covers(a, b) || covers(b, a);
    }

    /**
     * Whether {@code ancestor} is {@code path} itself or one of its ancestors, at segment
     * boundaries. The empty string stands for the root and covers every path.
     */
    public static boolean covers(String ancestor, String path) {
        Objects.requireNonNull(ancestor, "ancestor");
        Objects.requireNonNull(path, "path");
        return ancestor.isEmpty() || path.equals(ancestor)
                || path.length() > ancestor.length() && path.startsWith(ancestor) && path.charAt(ancestor.length()) == '.';
    }

    /**
     * The array index a segment denotes, or -1 when it is not one (not plain decimal, a leading zero,
     * or too large).
     */
    static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || segment.length() > 1 && segment.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }

    /** A new container holding the same children. */
    private static JsonNode shallowCopy(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            copy.setAll(object);
            return copy;
        }
        ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
        copy.addAll((ArrayNode) node);
        return copy;
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.path(segment);
        }
        if (node.isArray()) {
            int index = index(segment);
            return index < 0 ? MissingNode.getInstance() : node.path(index);
        }
        return MissingNode.getInstance();
    }

    private static void put(JsonNode parent, String segment, JsonNode value, String path, int at) {
        if (parent instanceof ObjectNode object) {
            object.set(segment, value);
            return;
        }
        ArrayNode array = (ArrayNode) parent;
        int index = arrayIndex(array, segment, path, at);
        if (index == array.size()) {
            array.add(value);
        } else {
            array.set(index, value);
        }
    }

    private static void removeChild(JsonNode parent, String segment, String path, int at) {
        if (parent instanceof ObjectNode object) {
            object.remove(segment);
            return;
        }
        ArrayNode array = (ArrayNode) parent;
        int index = arrayIndex(array, segment, path, at);
        if (index < array.size()) {
            array.remove(index);
        }
    }

    private static int arrayIndex(ArrayNode array, String segment, String path, int at) {
        int index = index(segment);
        String where = at == 0 ? "the document" : String.join(".", segments(path).subList(0, at));
        if (index < 0) {
            throw new IllegalArgumentException("cannot apply " + path + ": " + where
                    + " is an array and \"" + segment + "\" is not an index");
        }
        if (index > array.size()) {
            throw new IllegalArgumentException("cannot apply " + path + ": index " + index + " is beyond the end of "
                    + where + " (size " + array.size() + ")");
        }
        return index;
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static void requireValid(String path) {
        if (!isValid(path)) {
            throw new IllegalArgumentException("not a valid dot path: "
                    + (path == null ? "null" : "\"" + abbreviate(path) + "\"")
                    + " (segments of [A-Za-z0-9_-] joined by '.', 1 to " + MAX_LENGTH + " characters)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
