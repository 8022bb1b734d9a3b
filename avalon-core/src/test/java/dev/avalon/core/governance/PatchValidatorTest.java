package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static dev.avalon.core.governance.Docs.json;
import static dev.avalon.core.governance.GovernanceErrorCode.GOVERNANCE_FORBIDDEN;
import static dev.avalon.core.governance.GovernanceErrorCode.INVALID_PATCH;
import static dev.avalon.core.governance.GovernanceErrorCode.UNSAFE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("PatchValidator applies the six rules of seed 06 §3.2")
class PatchValidatorTest {

    private final PatchValidator validator = new PatchValidator();
    private final ObjectNode behaviour = Docs.behaviour();

    /** A USER patch, values in single-quoted JSON; null for absent. */
    private static Patch user(PatchType type, String path, String before, String after, boolean intent) {
        return new Patch("USR-1", type, path, before == null ? null : json(before), after == null ? null : json(after),
                "because", RiskLevel.LOW, PatchSource.USER, intent);
    }

    private static Patch ml(PatchType type, String path, String before, String after) {
        return new Patch("ML-1", type, path, before == null ? null : json(before), after == null ? null : json(after),
                "learned", RiskLevel.LOW, PatchSource.ML, false);
    }

    private PatchValidation validate(Patch patch) {
        return validator.validate(patch, behaviour);
    }

    private static void assertOnly(PatchValidation v, GovernanceErrorCode code, String field) {
        assertThat(v.ok()).isFalse();
        assertThat(v.violations()).extracting(PatchViolation::code, PatchViolation::field).containsExactly(tuple(code, field));
        assertThat(v.code()).contains(code);
    }

    @Test
    @DisplayName("the catalogue's example patch is accepted and the result carries the new value")
    void acceptsTheExample() {
        PatchValidation v = validate(user(PatchType.PATCH, "reminderEscalationRules.threshold", "3", "2", false));

        assertThat(v.ok()).isTrue();
        assertThat(v.code()).isEmpty();
        assertThat(v.violations()).isEmpty();
        assertThat(v.result().at("/reminderEscalationRules/threshold").intValue()).isEqualTo(2);
        assertThat(behaviour.at("/reminderEscalationRules/threshold").intValue()).as("input untouched").isEqualTo(3);
    }

    @Nested
    @DisplayName("rule 1: forbidden paths")
    class Forbidden {

        @ParameterizedTest(name = "{0} is forbidden")
        @ValueSource(strings = {"rulePriorityModel.order", "personaProfiles.default.tone", "drRules.onCorruptBehaviour",
                "commitRules.requireExplicitConsent", "autoModeRules.blockPatches"})
        void insideAForbiddenSection(String path) {
            JsonNode current = DotPath.get(behaviour, path);
            PatchValidation v = validate(user(PatchType.MAJOR, path, current.toString(), "'changed'", true));

            assertThat(v.code()).contains(GOVERNANCE_FORBIDDEN);
            assertThat(v.violations()).anySatisfy(x -> {
                assertThat(x.code()).isEqualTo(GOVERNANCE_FORBIDDEN);
                assertThat(x.field()).isEqualTo("patch.path");
                assertThat(x.problem()).contains(DotPath.segments(path).get(0));
            });
        }

        @Test
        @DisplayName("drRules.x is forbidden, drRulesX is not: sections end at segment boundaries")
        void segmentBoundaries() {
            assertOnly(validate(user(PatchType.MINOR, "drRules.x", null, "1", false)), GOVERNANCE_FORBIDDEN, "patch.path");
            assertOnly(validate(user(PatchType.MAJOR, "drRules", behaviour.get("drRules").toString(), "{}", true)),
                    GOVERNANCE_FORBIDDEN, "patch.path");
            assertThat(validate(user(PatchType.MINOR, "drRulesX", null, "1", false)).ok()).isTrue();
            assertThat(validate(user(PatchType.MINOR, "commitRulesArchive.note", null, "'x'", false)).ok()).isTrue();
        }

        @Test
        @DisplayName("the root is an ancestor of every forbidden section")
        void root() {
            PatchValidation v = validate(user(PatchType.MAJOR, "", behaviour.toString(), "{}", true));

            assertThat(v.code()).contains(GOVERNANCE_FORBIDDEN);
            assertThat(v.violations()).extracting(PatchViolation::code, PatchViolation::field)
                    .contains(tuple(GOVERNANCE_FORBIDDEN, "patch.path"), tuple(INVALID_PATCH, "patch.path"));
            assertThat(v.result().isMissingNode()).isTrue();
        }

        @Test
        @DisplayName("version and history belong to the backend")
        void backendOwned() {
            assertOnly(validate(user(PatchType.PATCH, "version", "'1.0.0'", "'9.0.0'", false)), GOVERNANCE_FORBIDDEN, "patch.path");
            assertOnly(validate(user(PatchType.MINOR, "history.0", null, "{}", false)), GOVERNANCE_FORBIDDEN, "patch.path");
        }

        @Test
        @DisplayName("other forbidden sections can be configured; version and history stay forbidden")
        void configured() {
            PatchValidator custom = new PatchValidator(Set.of("calendar.workingHours"));

            assertThat(custom.validate(user(PatchType.PATCH, "calendar.workingHours.start", "'09:00'", "'08:00'", false), behaviour)
                    .code()).contains(GOVERNANCE_FORBIDDEN);
            assertThat(custom.validate(user(PatchType.PATCH, "calendar.bufferMinutes", "10", "15", false), behaviour).ok()).isTrue();
            assertThat(custom.validate(user(PatchType.PATCH, "drRules.forceMajorBumpAfterRestore", "true", "false", false),
                    behaviour).ok()).as("drRules is not in the custom set").isTrue();
            assertThat(custom.validate(user(PatchType.PATCH, "version", "'1.0.0'", "'2.0.0'", false), behaviour).code())
                    .contains(GOVERNANCE_FORBIDDEN);
        }
    }

    @Nested
    @DisplayName("rule 2: the real change must match the declared type")
    class TypeMismatch {

        @Test
        @DisplayName("a PATCH on a misspelt path says the path does not exist and names the nearest one")
        void misspeltPath() {
            PatchValidation v = validate(user(PatchType.PATCH, "reminderEscalationRules.treshold", null, "2", false));

            assertOnly(v, INVALID_PATCH, "patch.path");
            assertThat(v.violations().get(0).problem()).isEqualTo("path reminderEscalationRules.treshold does not exist"
                    + " in behaviour.avl; did you mean reminderEscalationRules.threshold?");
        }

        @Test
        @DisplayName("a tuned value declared MINOR is invalid")
        void patchDeclaredMinor() {
            PatchValidation v = validate(user(PatchType.MINOR, "reminderEscalationRules.threshold", "3", "4", false));

            assertOnly(v, INVALID_PATCH, "patch.type");
            assertThat(v.violations().get(0).problem()).contains("declared MINOR", "the change is PATCH");
        }

        @Test
        @DisplayName("an added key declared PATCH is invalid")
        void addDeclaredPatch() {
            assertOnly(validate(user(PatchType.PATCH, "domains.SPORT", null, "{'colour':'#000000','sendsInvites':false}", false)),
                    INVALID_PATCH, "patch.type");
            assertThat(validate(user(PatchType.MINOR, "domains.SPORT", null, "{'colour':'#000000','sendsInvites':false}", false))
                    .ok()).isTrue();
        }

        @Test
        @DisplayName("a number becoming a string is MAJOR, not PATCH")
        void typeChange() {
            assertOnly(validate(user(PatchType.PATCH, "calendar.bufferMinutes", "10", "'10'", false)), INVALID_PATCH, "patch.type");
            assertThat(validate(user(PatchType.MAJOR, "calendar.bufferMinutes", "10", "'10'", false)).ok()).isTrue();
        }

        @Test
        @DisplayName("appending to an array is MINOR, removing an element MAJOR")
        void arrays() {
            assertThat(validate(user(PatchType.MINOR, "reminderEscalationRules.levels.3", null, "'CRITICAL'", false)).ok()).isTrue();
            assertThat(validate(user(PatchType.MAJOR, "reminderEscalationRules.levels.0", "'GENTLE'", null, true)).ok()).isTrue();
            assertOnly(validate(user(PatchType.MINOR, "reminderEscalationRules.levels.0", "'GENTLE'", null, true)),
                    INVALID_PATCH, "patch.type");
        }

        @Test
        @DisplayName("a patch that changes nothing is invalid")
        void noChange() {
            PatchValidation v = validate(user(PatchType.PATCH, "reminderEscalationRules.threshold", "3", "3.0", false));

            assertOnly(v, INVALID_PATCH, "patch.after");
            assertThat(v.violations().get(0).problem()).contains("changes nothing");
        }
    }

    @Nested
    @DisplayName("rule 3: before must be the current value")
    class StaleBefore {

        @Test
        @DisplayName("a stale before is invalid")
        void stale() {
            assertOnly(validate(user(PatchType.PATCH, "reminderEscalationRules.threshold", "2", "1", false)),
                    INVALID_PATCH, "patch.before");
        }

        @Test
        @DisplayName("numbers compare by value: 3.0 matches 3")
        void byValue() {
            assertThat(validate(user(PatchType.PATCH, "reminderEscalationRules.threshold", "3.0", "2", false)).ok()).isTrue();
        }

        @Test
        @DisplayName("before must be absent exactly when the path does not exist")
        void absence() {
            PatchValidation unknown = validate(user(PatchType.MINOR, "domains.SPORT", "{}", "{'colour':'#000000'}", false));
            assertOnly(unknown, INVALID_PATCH, "patch.path");
            assertThat(unknown.violations().get(0).problem()).isEqualTo("path domains.SPORT does not exist in behaviour.avl");
            assertOnly(validate(user(PatchType.PATCH, "reminderEscalationRules.threshold", null, "2", false)),
                    INVALID_PATCH, "patch.before");
            assertOnly(validate(user(PatchType.PATCH, "reminderEscalationRules.threshold", "null", "2", false)),
                    INVALID_PATCH, "patch.before");
        }
    }

    @Nested
    @DisplayName("rule 4: priorities cannot be changed")
    class Priorities {

        @Test
        @DisplayName("a path naming a priority is forbidden, whatever its case")
        void priorityPath() {
            assertOnly(validate(user(PatchType.MINOR, "reminderEscalationRules.escalationPriority", null, "1", false)),
                    GOVERNANCE_FORBIDDEN, "patch.path");
            assertOnly(validate(user(PatchType.MINOR, "PRIORITIES", null, "[]", false)), GOVERNANCE_FORBIDDEN, "patch.path");
        }

        @Test
        @DisplayName("a subtree whose priority keys change is forbidden; one that keeps them is allowed")
        void prioritySubtree() {
            ((ObjectNode) behaviour.at("/domains/VSB")).put("priority", 1);
            String vsb = behaviour.at("/domains/VSB").toString();

            assertOnly(validate(user(PatchType.PATCH, "domains.VSB", vsb,
                    "{'colour':'#1E88E5','sendsInvites':true,'priority':2}", false)), GOVERNANCE_FORBIDDEN, "patch.after");
            assertThat(validate(user(PatchType.PATCH, "domains.VSB", vsb,
                    "{'colour':'#000000','sendsInvites':true,'priority':1}", false)).ok()).isTrue();
            assertOnly(validate(user(PatchType.MAJOR, "domains.VSB", vsb, null, true)), GOVERNANCE_FORBIDDEN, "patch.after");
        }

        @Test
        @DisplayName("adding a subtree with a priority key is forbidden")
        void addedPriority() {
            assertOnly(validate(user(PatchType.MINOR, "domains.SPORT", null, "{'colour':'#000000','taskPriority':3}", false)),
                    GOVERNANCE_FORBIDDEN, "patch.after");
        }
    }

    @Nested
    @DisplayName("rule 5: removing or overwriting behaviour needs the user's explicit intent")
    class Intent {

        @Test
        @DisplayName("a removal without explicitUserIntent is unsafe; with it, it is accepted")
        void removal() {
            String prive = behaviour.at("/domains/PRIVE").toString();

            assertOnly(validate(user(PatchType.MAJOR, "domains.PRIVE", prive, null, false)), UNSAFE_PATCH, "patch.explicitUserIntent");
            PatchValidation ok = validate(user(PatchType.MAJOR, "domains.PRIVE", prive, null, true));
            assertThat(ok.ok()).isTrue();
            assertThat(ok.result().at("/domains").has("PRIVE")).isFalse();
        }

        @Test
        @DisplayName("only the user may remove: DR or ML with intent is still unsafe")
        void onlyTheUser() {
            String prive = behaviour.at("/domains/PRIVE").toString();
            Patch dr = new Patch("DR-1", PatchType.MAJOR, "domains.PRIVE", json(prive), MissingNode.getInstance(), "r",
                    RiskLevel.HIGH, PatchSource.DR, true);

            assertOnly(validator.validate(dr, behaviour), UNSAFE_PATCH, "patch.source");
        }

        @Test
        @DisplayName("overwriting an object so that keys disappear is unsafe without intent")
        void destructiveOverwrite() {
            Patch shrink = user(PatchType.MAJOR, "calendar.workingHours", "{'start':'09:00','end':'17:30'}", "{'start':'08:00'}", false);

            assertOnly(validate(shrink), UNSAFE_PATCH, "patch.explicitUserIntent");
            assertThat(validate(user(PatchType.MAJOR, "calendar.workingHours", "{'start':'09:00','end':'17:30'}",
                    "{'start':'08:00'}", true)).ok()).isTrue();
            assertThat(validate(user(PatchType.MINOR, "calendar.workingHours", "{'start':'09:00','end':'17:30'}",
                    "{'start':'09:00','end':'17:30','lunch':'12:00'}", false)).ok()).as("adding is not overwriting").isTrue();
        }
    }

    @Nested
    @DisplayName("rule 6: ML stays within mlLimits")
    class MlLimitsRule {

        @Test
        @DisplayName("a small step on a listed path is accepted")
        void withinLimits() {
            assertThat(validate(ml(PatchType.PATCH, "reminderEscalationRules.threshold", "3", "2")).ok()).isTrue();
            assertThat(validate(ml(PatchType.PATCH, "calendar.bufferMinutes", "10", "15")).ok()).isTrue();
        }

        @Test
        @DisplayName("a step larger than maxStep is unsafe")
        void overStep() {
            PatchValidation v = validate(ml(PatchType.PATCH, "reminderEscalationRules.threshold", "3", "1"));

            assertOnly(v, UNSAFE_PATCH, "patch.after");
            assertThat(v.violations().get(0).problem()).contains("maxStep");
        }

        @Test
        @DisplayName("a value outside [min, max] is unsafe")
        void outOfRange() {
            ((ObjectNode) behaviour.get("reminderEscalationRules")).put("threshold", 1);
            PatchValidation v = validate(ml(PatchType.PATCH, "reminderEscalationRules.threshold", "1", "0"));

            assertOnly(v, UNSAFE_PATCH, "patch.after");
            assertThat(v.violations().get(0).problem()).contains("outside", "[1, 6]");
        }

        @Test
        @DisplayName("out of range and over the step are both reported")
        void both() {
            PatchValidation v = validate(ml(PatchType.PATCH, "calendar.bufferMinutes", "10", "45"));

            assertThat(v.violations()).extracting(PatchViolation::code, PatchViolation::field)
                    .containsExactly(tuple(UNSAFE_PATCH, "patch.after"), tuple(UNSAFE_PATCH, "patch.after"));
        }

        @Test
        @DisplayName("ML may only propose PATCH changes")
        void notPatch() {
            ((ObjectNode) behaviour.at("/mlLimits/paths")).set("reminderEscalationRules.extra", json("{'min':0,'max':9,'maxStep':1}"));
            PatchValidation v = validate(ml(PatchType.MINOR, "reminderEscalationRules.extra", null, "1"));

            assertThat(v.violations()).extracting(PatchViolation::code, PatchViolation::field)
                    .contains(tuple(UNSAFE_PATCH, "patch.type"), tuple(UNSAFE_PATCH, "patch.before"));
            assertThat(v.code()).contains(UNSAFE_PATCH);
        }

        @Test
        @DisplayName("a path not listed in mlLimits.paths is closed to ML")
        void unlisted() {
            PatchValidation v = validate(ml(PatchType.PATCH, "finance.defaultSplit.sparen", "20", "21"));

            assertOnly(v, UNSAFE_PATCH, "patch.path");
            assertThat(v.violations().get(0).problem()).contains("not listed in mlLimits.paths");
        }

        @Test
        @DisplayName("ML changes numbers only")
        void numbersOnly() {
            PatchValidation v = validate(ml(PatchType.MAJOR, "reminderEscalationRules.threshold", "3", "'2'"));

            assertThat(v.violations()).extracting(PatchViolation::code, PatchViolation::field)
                    .containsExactly(tuple(UNSAFE_PATCH, "patch.type"), tuple(UNSAFE_PATCH, "patch.after"));
        }

        @Test
        @DisplayName("without an mlLimits section ML may change nothing")
        void noLimits() {
            behaviour.remove("mlLimits");

            assertOnly(validate(ml(PatchType.PATCH, "reminderEscalationRules.threshold", "3", "2")), UNSAFE_PATCH, "patch.path");
        }
    }

    @Nested
    @DisplayName("paths that cannot be applied")
    class BadPaths {

        @Test
        @DisplayName("a syntactically invalid path is invalid")
        void syntax() {
            PatchValidation v = validate(user(PatchType.PATCH, "reminderEscalationRules..threshold", "3", "2", false));

            assertOnly(v, INVALID_PATCH, "patch.path");
            assertThat(v.result().isMissingNode()).isTrue();
        }

        @Test
        @DisplayName("a path below a scalar is invalid")
        void parentNotAContainer() {
            PatchValidation v = validate(user(PatchType.MINOR, "reminderEscalationRules.threshold.x", null, "2", false));

            assertOnly(v, INVALID_PATCH, "patch.path");
            assertThat(v.violations().get(0).problem()).contains("reminderEscalationRules.threshold is a number");
        }

        @Test
        @DisplayName("an array index beyond the end is invalid")
        void beyondTheEnd() {
            assertOnly(validate(user(PatchType.MINOR, "reminderEscalationRules.levels.7", null, "'X'", false)),
                    INVALID_PATCH, "patch.path");
        }
    }

    @Test
    @DisplayName("every broken rule is reported, and the code is the most severe")
    void severalViolations() {
        Patch bad = new Patch("ML-9", PatchType.MINOR, "drRules.forceMajorBumpAfterRestore", json("false"),
                MissingNode.getInstance(), "r", RiskLevel.LOW, PatchSource.ML, false);
        PatchValidation v = validate(bad);

        assertThat(v.violations()).extracting(PatchViolation::code, PatchViolation::field).containsExactlyInAnyOrder(
                tuple(GOVERNANCE_FORBIDDEN, "patch.path"),
                tuple(INVALID_PATCH, "patch.type"),
                tuple(INVALID_PATCH, "patch.before"),
                tuple(UNSAFE_PATCH, "patch.source"),
                tuple(UNSAFE_PATCH, "patch.type"),
                tuple(UNSAFE_PATCH, "patch.path"));
        assertThat(v.code()).contains(GOVERNANCE_FORBIDDEN);
    }

    @Test
    @DisplayName("UNSAFE_PATCH outranks INVALID_PATCH")
    void severity() {
        PatchValidation v = validate(user(PatchType.MINOR, "domains.PRIVE", "{}", null, false));

        assertThat(v.violations()).extracting(PatchViolation::code).contains(INVALID_PATCH, UNSAFE_PATCH);
        assertThat(v.code()).contains(UNSAFE_PATCH);
        assertThat(new PatchValidation(List.of(new PatchViolation(INVALID_PATCH, "patch.before", "x"),
                new PatchViolation(GOVERNANCE_FORBIDDEN, "patch.path", "y")), null).code()).contains(GOVERNANCE_FORBIDDEN);
        assertThat(GOVERNANCE_FORBIDDEN.moreSevereThan(UNSAFE_PATCH)).isTrue();
        assertThat(INVALID_PATCH.moreSevereThan(UNSAFE_PATCH)).isFalse();
    }
}
