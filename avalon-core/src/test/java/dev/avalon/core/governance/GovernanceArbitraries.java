package dev.avalon.core.governance;

import dev.avalon.core.behaviour.SemVer;
import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avalon.core.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * jqwik arbitraries for the governance tests: versions, JSON trees, valid and random patches.
 * The same generators as the testkit's {@code AvalonArbitraries}, kept here because core's tests
 * cannot depend on the testkit.
 */
final class GovernanceArbitraries {

    private static final String DEFAULT_BEHAVIOUR = "/dev/avalon/core/behaviour/default-behaviour.avl";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Keys of random trees: plain names, array-like names, and the names governance treats specially. */
    private static final List<String> KEYS = List.of("a", "b", "c", "threshold", "0", "1", "x-y", "k_2",
            "priority", "taskPriority", "drRules", "drRulesX", "version", "history", "mlLimits");
    /** Names that are never special, for keys a valid patch adds. */
    private static final List<String> NEW_KEYS = List.of("extra", "note", "newRule", "k_1", "x-y", "a", "b", "c");

    private GovernanceArbitraries() {
    }

    // ------------------------------------------------------------------ versions

    /**
     * Any SemVer 2.0.0 version: small and very large numbers (up to {@code Integer.MAX_VALUE - 1},
     * so every version can still be bumped), numeric and alphanumeric pre-release identifiers (some
     * longer than a {@code long}), and build metadata with leading zeros. Small numbers are
     * frequent, so ties on every part are common.
     */
    public static Arbitrary<SemVer> versions() {
        return Combinators.combine(versionNumbers(), versionNumbers(), versionNumbers(),
                        preReleaseIdentifiers().list().ofMaxSize(3), buildIdentifiers().list().ofMaxSize(2))
                .as(SemVer::new);
    }

    /** Versions without pre-release or build identifiers. */
    public static Arbitrary<SemVer> releaseVersions() {
        return Combinators.combine(versionNumbers(), versionNumbers(), versionNumbers()).as(SemVer::of);
    }

    private static Arbitrary<Integer> versionNumbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 3)),
                Tuple.of(2, Arbitraries.integers().between(0, 1_000)),
                Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE - 1)));
    }

    private static Arbitrary<String> preReleaseIdentifiers() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 12).map(String::valueOf)),
                Tuple.of(3, Arbitraries.of("alpha", "beta", "rc", "a", "b", "x-1", "-", "0a", "A", "alpha-2")),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(21)
                        .map(s -> "9" + s)),
                Tuple.of(1, Arbitraries.strings().withChars("abcXYZ019-").ofMinLength(1).ofMaxLength(5)
                        .filter(s -> !s.matches("0[0-9]+"))));
    }

    private static Arbitrary<String> buildIdentifiers() {
        return Arbitraries.oneOf(
                Arbitraries.of("001", "0", "build", "sha-1a2b", "exp", "20260101"),
                Arbitraries.strings().withChars("abc019-").ofMinLength(1).ofMaxLength(4));
    }

    // ------------------------------------------------------------------ JSON

    /** Any JSON value up to three levels deep. */
    public static Arbitrary<JsonNode> jsonValues() {
        return jsonValues(3);
    }

    /**
     * Any JSON value up to {@code maxDepth} levels of objects and arrays: integers and exact
     * decimals, short strings, booleans, {@code null}. Object keys come from a small pool that
     * includes names governance treats specially ({@code priority}, {@code drRules},
     * {@code version}, …), so collisions and special cases are frequent.
     */
    public static Arbitrary<JsonNode> jsonValues(int maxDepth) {
        return values(maxDepth, KEYS);
    }

    /** JSON objects (documents) up to {@code maxDepth} levels deep, with the keys of {@link #jsonValues(int)}. */
    public static Arbitrary<ObjectNode> jsonObjects(int maxDepth) {
        return objects(Math.max(0, maxDepth - 1), KEYS);
    }

    private static Arbitrary<JsonNode> values(int depth, List<String> keys) {
        Arbitrary<JsonNode> scalars = scalars();
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = values(depth - 1, keys).list().ofMaxSize(3).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalars),
                Tuple.of(1, arrays),
                Tuple.of(2, objects(depth - 1, keys).map(o -> (JsonNode) o)));
    }

    private static Arbitrary<ObjectNode> objects(int depth, List<String> keys) {
        return Arbitraries.maps(Arbitraries.of(keys), values(depth, keys)).ofMaxSize(4).map(GovernanceArbitraries::object);
    }

    private static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode object = NODES.objectNode();
        // Sorted so that a generated tree does not depend on the map's iteration order.
        fields.keySet().stream().sorted().forEach(k -> object.set(k, fields.get(k)));
        return object;
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 10).map(i -> (JsonNode) IntNode.valueOf(i)),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-100), BigDecimal.valueOf(100)).ofScale(2)
                        .map(d -> (JsonNode) DecimalNode.valueOf(d)),
                Arbitraries.strings().alpha().ofMaxLength(4).map(s -> (JsonNode) TextNode.valueOf(s)),
                Arbitraries.of(true, false).map(b -> (JsonNode) BooleanNode.valueOf(b)),
                Arbitraries.just((JsonNode) NullNode.getInstance()));
    }

    // ------------------------------------------------------------------ behaviour and patches

    /** A fresh copy of the {@code behaviour.avl} Avalon ships, read from the classpath. */
    public static ObjectNode defaultBehaviour() {
        try (InputStream in = GovernanceArbitraries.class.getResourceAsStream(DEFAULT_BEHAVIOUR)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_BEHAVIOUR + " is not on the classpath");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Patches that {@link PatchValidator} accepts against {@link #defaultBehaviour()}. */
    public static Arbitrary<Patch> validPatches() {
        return validPatches(defaultBehaviour());
    }

    /**
     * Patches that the default {@link PatchValidator} accepts against {@code behaviour}, of every
     * kind: value tweaks (PATCH, from the user or DR), ML tweaks within {@code mlLimits}, added keys
     * and array elements (MINOR), objects extended by a key (MINOR), removals and objects losing a
     * key with the user's explicit intent (MAJOR), and leaves changing their JSON type (MAJOR).
     *
     * @throws IllegalArgumentException when {@code behaviour} is not a JSON object
     */
    public static Arbitrary<Patch> validPatches(JsonNode behaviour) {
        if (!Objects.requireNonNull(behaviour, "behaviour").isObject()) {
            throw new IllegalArgumentException("behaviour must be a JSON object");
        }
        JsonNode doc = behaviour.deepCopy();
        List<Site> editable = sites(doc).stream().filter(GovernanceArbitraries::editable).toList();
        List<Site> leaves = editable.stream().filter(s -> s.value().isValueNode()).toList();
        List<Site> tweakable = leaves.stream()
                .filter(s -> s.value().isNumber() || s.value().isTextual() || s.value().isBoolean()).toList();
        List<Site> objects = new ArrayList<>();
        objects.add(new Site("", doc));
        editable.stream().filter(s -> s.value().isObject()).forEach(objects::add);
        List<Site> arrays = editable.stream().filter(s -> s.value().isArray()).toList();
        List<Site> removable = editable.stream().filter(s -> !containsPriority(s.value())).toList();
        List<Site> shrinkable = removable.stream().filter(s -> s.value().isObject() && !s.value().isEmpty()).toList();
        List<MlMove> mlMoves = mlMoves(doc);

        List<Arbitrary<Patch>> kinds = new ArrayList<>();
        if (!tweakable.isEmpty()) {
            kinds.add(Arbitraries.of(tweakable).flatMap(s -> sameTypeChange(s.value())
                    .flatMap(after -> patch(PatchType.PATCH, s.path(), s.value(), after, notMl(), anyBoolean()))));
        }
        if (!mlMoves.isEmpty()) {
            kinds.add(Arbitraries.of(mlMoves).flatMap(m -> patch(PatchType.PATCH, m.path(), m.before(), m.after(),
                    Arbitraries.just(PatchSource.ML), anyBoolean())));
        }
        kinds.add(Arbitraries.of(objects).flatMap(s -> Arbitraries.of(NEW_KEYS).filter(k -> !s.value().has(k))
                .flatMap(k -> values(2, NEW_KEYS).flatMap(v -> patch(PatchType.MINOR, join(s.path(), k),
                        MissingNode.getInstance(), v, notMl(), anyBoolean())))));
        if (!arrays.isEmpty()) {
            kinds.add(Arbitraries.of(arrays).flatMap(s -> values(2, NEW_KEYS).flatMap(v -> patch(PatchType.MINOR,
                    join(s.path(), String.valueOf(s.value().size())), MissingNode.getInstance(), v, notMl(),
                    anyBoolean()))));
        }
        List<Site> extensible = objects.stream().filter(s -> !s.path().isEmpty()).toList();
        if (!extensible.isEmpty()) {
            kinds.add(Arbitraries.of(extensible).flatMap(s -> Arbitraries.of(NEW_KEYS).filter(k -> !s.value().has(k))
                    .flatMap(k -> values(1, NEW_KEYS).flatMap(v -> {
                        ObjectNode after = ((ObjectNode) s.value()).deepCopy();
                        after.set(k, v);
                        return patch(PatchType.MINOR, s.path(), s.value(), after, notMl(), anyBoolean());
                    }))));
        }
        if (!removable.isEmpty()) {
            kinds.add(Arbitraries.of(removable).flatMap(s -> patch(PatchType.MAJOR, s.path(), s.value(),
                    MissingNode.getInstance(), Arbitraries.just(PatchSource.USER), Arbitraries.just(true))));
        }
        if (!shrinkable.isEmpty()) {
            kinds.add(Arbitraries.of(shrinkable).flatMap(s -> Arbitraries.of(fieldNames(s.value())).flatMap(k -> {
                ObjectNode after = ((ObjectNode) s.value()).deepCopy();
                after.remove(k);
                return patch(PatchType.MAJOR, s.path(), s.value(), after, Arbitraries.just(PatchSource.USER),
                        Arbitraries.just(true));
            })));
        }
        if (!leaves.isEmpty()) {
            kinds.add(Arbitraries.of(leaves).flatMap(s -> otherType(s.value())
                    .flatMap(after -> patch(PatchType.MAJOR, s.path(), s.value(), after, notMl(), anyBoolean()))));
        }
        return Arbitraries.oneOf(kinds).filter(p -> p.path().length() <= DotPath.MAX_LENGTH);
    }

    /**
     * Patches of every shape against {@code behaviour}, most of them invalid: existing, new,
     * forbidden, priority and malformed paths; current, stale and absent {@code before} values;
     * random, absent and unchanged {@code after} values; any type, source, risk and intent. For
     * testing that validation copes with anything; a share of them (drawn from
     * {@link #validPatches(JsonNode)} when {@code behaviour} is an object) are valid.
     */
    public static Arbitrary<Patch> anyPatches(JsonNode behaviour) {
        JsonNode doc = Objects.requireNonNull(behaviour, "behaviour").deepCopy();
        List<String> existing = sites(doc).stream().map(Site::path).filter(DotPath::isValid).toList();
        Arbitrary<String> paths = Arbitraries.frequencyOf(
                Tuple.of(3, existing.isEmpty() ? Arbitraries.of(KEYS) : Arbitraries.of(existing)),
                Tuple.of(2, Arbitraries.of(KEYS).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l))),
                Tuple.of(1, Arbitraries.of("", ".", "a..b", "a.", ".a", "a b", "$.a", "é", "drRules.", "x".repeat(300))));
        Arbitrary<Patch> random = paths.flatMap(path -> {
            JsonNode current = DotPath.isValid(path) ? DotPath.get(doc, path) : MissingNode.getInstance();
            Arbitrary<JsonNode> before = Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.just(current)),
                    Tuple.of(1, Arbitraries.just((JsonNode) MissingNode.getInstance())),
                    Tuple.of(2, jsonValues(2)));
            Arbitrary<JsonNode> after = Arbitraries.frequencyOf(
                    Tuple.of(3, jsonValues(2)),
                    Tuple.of(1, Arbitraries.just((JsonNode) MissingNode.getInstance())),
                    Tuple.of(1, Arbitraries.just(current)),
                    Tuple.of(2, current.isValueNode() ? sameTypeChange(current) : jsonValues(1)));
            return Combinators.combine(ids(), Arbitraries.of(PatchType.class), before, after,
                            Arbitraries.of(RiskLevel.class), Arbitraries.of(PatchSource.class), anyBoolean())
                    .as((id, type, b, a, risk, source, intent) ->
                            new Patch(id, type, path, b, a, "random", risk, source, intent));
        });
        return doc.isObject()
                ? Arbitraries.frequencyOf(Tuple.of(2, random), Tuple.of(1, validPatches(doc)))
                : random;
    }

    // ------------------------------------------------------------------ helpers

    /** One addressable node of a document. */
    private record Site(String path, JsonNode value) {
    }

    /** An ML move that stays within its limits. */
    private record MlMove(String path, JsonNode before, JsonNode after) {
    }

    private static Arbitrary<Patch> patch(PatchType type, String path, JsonNode before, JsonNode after,
                                          Arbitrary<PatchSource> sources, Arbitrary<Boolean> intents) {
        return Combinators.combine(ids(), Arbitraries.of(RiskLevel.class), sources, intents)
                .as((id, risk, source, intent) -> new Patch(id, type, path, before, after, "generated", risk, source, intent));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.integers().between(1, 9_999).map(i -> String.format(Locale.ROOT, "GEN-%04d", i));
    }

    private static Arbitrary<PatchSource> notMl() {
        return Arbitraries.of(PatchSource.USER, PatchSource.DR);
    }

    private static Arbitrary<Boolean> anyBoolean() {
        return Arbitraries.of(false, true);
    }

    /** A different value of the same JSON type as the scalar {@code value}. */
    private static Arbitrary<JsonNode> sameTypeChange(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal base = value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
            return Arbitraries.oneOf(
                            Arbitraries.integers().between(-5, 5).filter(d -> d != 0).map(BigDecimal::valueOf),
                            Arbitraries.bigDecimals().between(BigDecimal.valueOf(-2), BigDecimal.valueOf(2)).ofScale(2)
                                    .filter(d -> d.signum() != 0))
                    .map(d -> (JsonNode) DecimalNode.valueOf(base.add(d)));
        }
        if (value.isTextual()) {
            return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4)
                    .map(s -> (JsonNode) TextNode.valueOf(value.textValue() + "-" + s));
        }
        if (value.isBoolean()) {
            return Arbitraries.just((JsonNode) BooleanNode.valueOf(!value.booleanValue()));
        }
        // null has no other value of its own type: anything else is a type change.
        return jsonValues(1);
    }

    /** A value of another JSON type than the scalar {@code value}. */
    private static Arbitrary<JsonNode> otherType(JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>(List.of(IntNode.valueOf(7), TextNode.valueOf("seven"),
                BooleanNode.TRUE, NullNode.getInstance(), NODES.objectNode(), NODES.arrayNode().add(1)));
        candidates.removeIf(c -> c.getNodeType() == value.getNodeType());
        return Arbitraries.of(candidates);
    }

    private static List<MlMove> mlMoves(JsonNode doc) {
        List<MlMove> moves = new ArrayList<>();
        List<BigDecimal> fractions = List.of(BigDecimal.ONE.negate(), new BigDecimal("-0.5"), new BigDecimal("0.5"),
                BigDecimal.ONE);
        for (Map.Entry<String, MlPathLimit> e : MlLimits.from(doc).paths().entrySet()) {
            String path = e.getKey();
            if (!DotPath.isValid(path) || !editable(new Site(path, NullNode.getInstance()))) {
                continue;
            }
            JsonNode current = DotPath.get(doc, path);
            if (!current.isNumber()) {
                continue;
            }
            BigDecimal before = current.isIntegralNumber() ? new BigDecimal(current.bigIntegerValue()) : current.decimalValue();
            MlPathLimit limit = e.getValue();
            for (BigDecimal f : fractions) {
                BigDecimal after = before.add(limit.maxStep().multiply(f));
                if (after.compareTo(before) != 0 && limit.allows(after)) {
                    moves.add(new MlMove(path, current, DecimalNode.valueOf(after)));
                }
            }
        }
        return moves;
    }

    /** Every node below the root that a dot path can address, parents before children. */
    private static List<Site> sites(JsonNode doc) {
        List<Site> out = new ArrayList<>();
        collect(doc, "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, List<Site> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                // Keys with dots or other characters cannot be addressed by a dot path.
                if (SEGMENT.matcher(e.getKey()).matches()) {
                    String at = join(path, e.getKey());
                    out.add(new Site(at, e.getValue()));
                    collect(e.getValue(), at, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = join(path, String.valueOf(i));
                out.add(new Site(at, node.get(i)));
                collect(node.get(i), at, out);
            }
        }
    }

    private static boolean editable(Site site) {
        List<String> segments = List.of(site.path().split("\\."));
        String first = segments.get(0);
        return DotPath.isValid(site.path())
                && !PatchValidator.FORBIDDEN_SECTIONS.contains(first)
                && !PatchValidator.BACKEND_OWNED.contains(first)
                && segments.stream().noneMatch(GovernanceArbitraries::isPriority);
    }

    private static boolean containsPriority(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (isPriority(e.getKey()) || containsPriority(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (containsPriority(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPriority(String key) {
        return key.toLowerCase(Locale.ROOT).contains("priorit");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static String join(String parent, String segment) {
        return parent.isEmpty() ? segment : parent + "." + segment;
    }
}
