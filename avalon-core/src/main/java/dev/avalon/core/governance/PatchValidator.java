package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.base.NearestName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.avalon.core.governance.GovernanceErrorCode.GOVERNANCE_FORBIDDEN;
import static dev.avalon.core.governance.GovernanceErrorCode.INVALID_PATCH;
import static dev.avalon.core.governance.GovernanceErrorCode.UNSAFE_PATCH;

/**
 * Checks a {@link Patch} against the current behaviour document with the six rules of seed 06 §3.2,
 * and reports every broken rule, not only the first.
 *
 * <ol>
 *   <li><b>Forbidden path</b> [GOVERNANCE_FORBIDDEN, {@code patch.path}]: the path lies in a
 *       forbidden section ({@code drRules}, {@code drRules.x}; at segment boundaries, so
 *       {@code drRulesX} is not), is an ancestor of one (the empty path, the root), or touches the
 *       backend-owned {@code version} or {@code history}.</li>
 *   <li><b>Type mismatch</b> [INVALID_PATCH, {@code patch.type}]: the patch is applied to a copy
 *       and {@link ChangeClassifier#classify} of old and new document differs from the declared
 *       type. A patch that changes nothing is invalid too ({@code patch.after}).</li>
 *   <li><b>Stale before</b> [INVALID_PATCH, {@code patch.before}]: {@code before} is not the
 *       current value at the path (JSON equality, numbers by value; a missing {@code before} means
 *       the path must not exist).</li>
 *   <li><b>Priorities</b> [GOVERNANCE_FORBIDDEN]: a path segment whose lower-case form contains
 *       {@code priorit} ({@code patch.path}), or a change inside the replaced subtree to a key
 *       containing it ({@code patch.after}). A replaced subtree that keeps such keys unchanged is
 *       allowed.</li>
 *   <li><b>Removal or destructive overwrite without intent</b> [UNSAFE_PATCH]: a patch without
 *       {@code after} (removal), or one whose {@code after} drops keys or elements of the current
 *       object or array, needs {@code explicitUserIntent == true} and source USER.</li>
 *   <li><b>ML beyond its limits</b> [UNSAFE_PATCH]: an ML patch must be of type PATCH, target a path
 *       listed in {@code mlLimits.paths}, have numeric {@code before} and {@code after}, keep
 *       {@code after} within {@code [min, max]} and move by at most {@code maxStep}.</li>
 * </ol>
 * A syntactically invalid path, or a path whose parent is neither an object nor an array, is
 * INVALID_PATCH on {@code patch.path}; rules that need the path resolved are then skipped.
 *
 * <pre>{@code
 * PatchValidation v = new PatchValidator().validate(patch, behaviour);
 * if (v.ok()) { JsonNode next = v.result(); }
 * else { GovernanceErrorCode code = v.code().orElseThrow(); }
 * }</pre>
 *
 * <p>{@code validate} never throws for a non-null patch and document; it is stateless and thread-safe.
 */
public final class PatchValidator {

    /** The sections of {@code behaviour.avl} no patch may touch (seed 06 §3.2 rule 1). */
    public static final Set<String> FORBIDDEN_SECTIONS =
            Set.of("rulePriorityModel", "personaProfiles", "drRules", "commitRules", "autoModeRules");

    /** Written by the backend only (seed 06 §2.3), so forbidden to patches whatever the sections. */
    public static final Set<String> BACKEND_OWNED = Set.of("version", "history");

    /** A key whose lower-case form contains this names a priority (seed 06 §3.2 rule 4). */
    private static final String PRIORITY_MARK = "priorit";

    private final Set<String> forbiddenSections;

    /** A validator with the {@link #FORBIDDEN_SECTIONS} of the seed. */
    public PatchValidator() {
        this(FORBIDDEN_SECTIONS);
    }

    /**
     * A validator with other forbidden sections, given as dot paths ({@code drRules} or
     * {@code calendar.workingHours}). {@link #BACKEND_OWNED} sections stay forbidden.
     */
    public PatchValidator(Set<String> forbiddenSections) {
        this.forbiddenSections = Set.copyOf(Objects.requireNonNull(forbiddenSections, "forbiddenSections"));
    }

    /** Every violation of {@code patch} against {@code behaviour}, and the patched document. */
    public PatchValidation validate(Patch patch, JsonNode behaviour) {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(behaviour, "behaviour");
        List<PatchViolation> out = new ArrayList<>();
        String path = patch.path();
        JsonNode before = patch.before();
        JsonNode after = patch.after();

        boolean validPath = DotPath.isValid(path);
        if (!validPath) {
            out.add(new PatchViolation(INVALID_PATCH, "patch.path",
                    "is not a valid dot path: segments of [A-Za-z0-9_-] joined by '.', 1 to "
                            + DotPath.MAX_LENGTH + " characters"));
        }
        checkForbidden(path, out);
        boolean priorityPath = checkPriorityPath(path, out);

        JsonNode current = MissingNode.getInstance();
        JsonNode result = MissingNode.getInstance();
        if (validPath) {
            current = DotPath.get(behaviour, path);
            try {
                result = DotPath.withShared(behaviour, path, after);
            } catch (IllegalArgumentException e) {
                out.add(new PatchViolation(INVALID_PATCH, "patch.path", e.getMessage()));
            }
            // a before value, or a PATCH near an existing path, means the caller meant a path that is there:
            // "does not exist" then says more than a type or before mismatch would
            Optional<String> nearest = current.isMissingNode()
                    ? NearestName.among(path, paths(behaviour, "", new ArrayList<>())) : Optional.empty();
            boolean unknownPath = current.isMissingNode()
                    && (!before.isMissingNode() || (patch.type() == PatchType.PATCH && nearest.isPresent()));
            if (unknownPath) {
                out.add(new PatchViolation(INVALID_PATCH, "patch.path", "path " + path
                        + " does not exist in behaviour.avl" + nearest.map(n -> "; did you mean " + n + "?").orElse("")));
            } else {
                if (!result.isMissingNode()) {
                    checkType(patch, behaviour, result, out);
                }
                checkBefore(before, current, out);
            }
            if (!priorityPath) {
                checkPriorityContent(path, current, after, out);
            }
        }
        checkIntent(patch, current, after, out);
        if (patch.source() == PatchSource.ML) {
            checkMlLimits(patch, behaviour, before, after, out);
        }
        return new PatchValidation(out, result);
    }

    /** Rule 1. */
    private void checkForbidden(String path, List<PatchViolation> out) {
        // The string comparison also catches paths that are not valid, such as "" or "drRules..x".
        Set<String> owned = new TreeSet<>();
        for (String section : BACKEND_OWNED) {
            if (DotPath.overlaps(section, path)) {
                owned.add(section);
            }
        }
        Set<String> hit = new TreeSet<>();
        for (String section : forbiddenSections) {
            if (DotPath.overlaps(section, path)) {
                hit.add(section);
            }
        }
        if (!hit.isEmpty()) {
            String problem = hit.size() == 1 && DotPath.covers(hit.iterator().next(), path)
                    ? "lies in the forbidden section " + hit.iterator().next()
                    : "contains the forbidden section(s) " + String.join(", ", hit);
            out.add(new PatchViolation(GOVERNANCE_FORBIDDEN, "patch.path", problem));
        }
        if (!owned.isEmpty()) {
            out.add(new PatchViolation(GOVERNANCE_FORBIDDEN, "patch.path", String.join(" and ", owned)
                    + (owned.size() == 1 ? " is" : " are") + " written by the backend only"));
        }
    }

    /** Rule 4, on the path itself; true when it names a priority. */
    private static boolean checkPriorityPath(String path, List<PatchViolation> out) {
        for (String segment : path.split("\\.", -1)) {
            if (isPriorityKey(segment)) {
                out.add(new PatchViolation(GOVERNANCE_FORBIDDEN, "patch.path",
                        "changes priorities: \"" + segment + "\" is a priority"));
                return true;
            }
        }
        return false;
    }

    /** Rule 4, inside the replaced subtree. */
    private static void checkPriorityContent(String path, JsonNode current, JsonNode after, List<PatchViolation> out) {
        Map<String, JsonNode> was = new TreeMap<>();
        Map<String, JsonNode> will = new TreeMap<>();
        priorities(current, "", was);
        priorities(after, "", will);
        Set<String> changed = new TreeSet<>();
        for (String key : was.keySet()) {
            if (!will.containsKey(key) || !ChangeClassifier.sameValue(was.get(key), will.get(key))) {
                changed.add(key);
            }
        }
        for (String key : will.keySet()) {
            if (!was.containsKey(key)) {
                changed.add(key);
            }
        }
        if (!changed.isEmpty()) {
            out.add(new PatchViolation(GOVERNANCE_FORBIDDEN, "patch.after",
                    "changes priorities inside " + path + ": " + String.join(", ", changed)));
        }
    }

    /** Collects the values under priority keys, by path relative to the subtree. */
    private static void priorities(JsonNode node, String prefix, Map<String, JsonNode> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                if (isPriorityKey(e.getKey())) {
                    into.put(at, e.getValue());
                } else {
                    priorities(e.getValue(), at, into);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                priorities(node.get(i), prefix.isEmpty() ? Integer.toString(i) : prefix + "." + i, into);
            }
        }
    }

    private static boolean isPriorityKey(String key) {
        return key.toLowerCase(Locale.ROOT).contains(PRIORITY_MARK);
    }

    /** Every object key path of {@code node}, as dot paths, for "did you mean" hints. */
    private static List<String> paths(JsonNode node, String prefix, List<String> into) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            into.add(at);
            if (e.getValue().isObject()) {
                paths(e.getValue(), at, into);
            }
        }
        return into;
    }

    /** Rule 2. */
    private static void checkType(Patch patch, JsonNode behaviour, JsonNode result, List<PatchViolation> out) {
        Optional<PatchType> real = ChangeClassifier.classify(behaviour, result);
        if (real.isEmpty()) {
            out.add(new PatchViolation(INVALID_PATCH, "patch.after",
                    "changes nothing: " + patch.path() + " already has this value"));
        } else if (real.get() != patch.type()) {
            out.add(new PatchViolation(INVALID_PATCH, "patch.type",
                    "is declared " + patch.type() + " but the change is " + real.get() + " (" + explain(real.get()) + ")"));
        }
    }

    private static String explain(PatchType type) {
        return switch (type) {
            case PATCH -> "only values change, each keeping its type";
            case MINOR -> "something is added and nothing removed";
            case MAJOR -> "something is removed or changes its type";
        };
    }

    /** Rule 3. */
    private static void checkBefore(JsonNode before, JsonNode current, List<PatchViolation> out) {
        if (ChangeClassifier.sameValue(before, current)) {
            return;
        }
        String problem;
        if (before.isMissingNode()) {
            problem = "is absent, but the path already has a value: " + shown(current);
        } else if (current.isMissingNode()) {
            problem = "is given, but the path has no value (leave before out)";
        } else {
            problem = "differs from the current value at the path: " + shown(current);
        }
        out.add(new PatchViolation(INVALID_PATCH, "patch.before", problem));
    }

    /**
     * The current value as a proposer can copy it into {@code before}; a long one is cut, since the whole
     * document is one {@code behaviour.get} away.
     */
    private static String shown(JsonNode current) {
        String text = current.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (see behaviour.get)";
    }

    /** Rule 5. */
    private static void checkIntent(Patch patch, JsonNode current, JsonNode after, List<PatchViolation> out) {
        boolean removal = after.isMissingNode();
        if (!removal && !ChangeClassifier.dropsSomething(current, after)) {
            return;
        }
        if (patch.source() == PatchSource.USER && patch.explicitUserIntent()) {
            return;
        }
        String what = removal ? "removes " + patch.path() : "overwrites " + patch.path() + " and drops keys or elements";
        if (patch.source() != PatchSource.USER) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.source",
                    what + "; only the user, explicitly, may do that, not " + patch.source()));
        } else {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.explicitUserIntent",
                    what + " without the user's explicit intent"));
        }
    }

    /** Rule 6. */
    private static void checkMlLimits(Patch patch, JsonNode behaviour, JsonNode before, JsonNode after,
                                      List<PatchViolation> out) {
        if (patch.type() != PatchType.PATCH) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.type",
                    "ML may propose PATCH changes only, not " + patch.type()));
        }
        Optional<MlPathLimit> limit = MlLimits.from(behaviour).limitFor(patch.path());
        if (limit.isEmpty()) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.path",
                    "ML may not change " + patch.path() + ": it is not listed in mlLimits.paths"));
            return;
        }
        Optional<BigDecimal> from = MlLimits.number(before);
        Optional<BigDecimal> to = MlLimits.number(after);
        if (from.isEmpty()) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.before", "ML patches change numbers only; before is not a number"));
        }
        if (to.isEmpty()) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.after", "ML patches change numbers only; after is not a number"));
            return;
        }
        MlPathLimit l = limit.get();
        if (!l.allows(to.get())) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.after", to.get().toPlainString() + " is outside the ML range ["
                    + l.min().toPlainString() + ", " + l.max().toPlainString() + "]"));
        }
        if (from.isPresent() && !l.allowsStep(from.get(), to.get())) {
            out.add(new PatchViolation(UNSAFE_PATCH, "patch.after", "moves by "
                    + to.get().subtract(from.get()).abs().toPlainString() + ", more than the ML maxStep "
                    + l.maxStep().toPlainString()));
        }
    }
}
