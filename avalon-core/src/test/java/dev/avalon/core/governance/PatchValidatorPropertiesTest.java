package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Patch validation against application: what the validator accepts is exactly what it says. */
@Label("PatchValidator properties")
class PatchValidatorPropertiesTest {

    private static final ObjectNode BEHAVIOUR = GovernanceArbitraries.defaultBehaviour();
    private static final Set<String> FIELDS = Set.of("patch.path", "patch.before", "patch.after", "patch.type",
            "patch.source", "patch.explicitUserIntent");

    private final PatchValidator validator = new PatchValidator();

    @Provide
    Arbitrary<Patch> validPatches() {
        return GovernanceArbitraries.validPatches(BEHAVIOUR);
    }

    @Provide
    Arbitrary<Tuple2<JsonNode, Patch>> validPatchesOnRandomDocuments() {
        return GovernanceArbitraries.jsonObjects(3)
                .flatMap(doc -> GovernanceArbitraries.validPatches(doc).map(p -> Tuple.of((JsonNode) doc, p)));
    }

    @Provide
    Arbitrary<Tuple2<JsonNode, Patch>> anyPatchesOnAnyDocument() {
        Arbitrary<JsonNode> docs = Arbitraries.frequencyOf(
                Tuple.of(3, GovernanceArbitraries.jsonObjects(4).map(o -> (JsonNode) o)),
                Tuple.of(2, Arbitraries.just((JsonNode) BEHAVIOUR)),
                Tuple.of(1, GovernanceArbitraries.jsonValues(2)));
        return docs.flatMap(doc -> GovernanceArbitraries.anyPatches(doc).map(p -> Tuple.of(doc, p)));
    }

    @Provide
    Arbitrary<Tuple3<JsonNode, Patch, Patch>> twoValidPatches() {
        Arbitrary<JsonNode> docs = Arbitraries.frequencyOf(
                Tuple.of(1, GovernanceArbitraries.jsonObjects(3).map(o -> (JsonNode) o)),
                Tuple.of(2, Arbitraries.just((JsonNode) BEHAVIOUR)));
        return docs.flatMap(doc -> Combinators.combine(GovernanceArbitraries.validPatches(doc),
                GovernanceArbitraries.validPatches(doc)).as((a, b) -> Tuple.of(doc, a, b)));
    }

    @Property(tries = 1500)
    @Label("every generated valid patch is accepted, applies cleanly, and its real type is its declared type")
    void validPatchesApply(@ForAll("validPatches") Patch patch) {
        String before = BEHAVIOUR.toString();
        PatchValidation v = validator.validate(patch, BEHAVIOUR);

        assertThat(v.violations()).as(patch.toString()).isEmpty();
        assertAppliedAsDeclared(BEHAVIOUR, patch, v);
        assertThat(BEHAVIOUR.toString()).as("the document is not modified").isEqualTo(before);
        Statistics.label("type").collect(patch.type());
        Statistics.label("source").collect(patch.source());
    }

    @Property(tries = 1000)
    @Label("valid patches are accepted on random documents too")
    void validPatchesApplyOnRandomDocuments(@ForAll("validPatchesOnRandomDocuments") Tuple2<JsonNode, Patch> t) {
        PatchValidation v = validator.validate(t.get2(), t.get1());

        assertThat(v.violations()).as(t.get2() + " on " + t.get1()).isEmpty();
        assertAppliedAsDeclared(t.get1(), t.get2(), v);
    }

    @Property(tries = 3000)
    @Label("random patches over random JSON trees never make validate throw, and what it accepts applies as declared")
    void randomPatchesNeverThrow(@ForAll("anyPatchesOnAnyDocument") Tuple2<JsonNode, Patch> t) {
        JsonNode doc = t.get1();
        Patch patch = t.get2();
        String original = doc.toString();

        PatchValidation v = validator.validate(patch, doc);
        RiskAssessor.assess(patch, doc);

        assertThat(doc.toString()).isEqualTo(original);
        assertThat(v.violations()).allSatisfy(x -> {
            assertThat(x.field()).isIn(FIELDS);
            assertThat(x.code()).isIn(GovernanceErrorCode.GOVERNANCE_FORBIDDEN, GovernanceErrorCode.UNSAFE_PATCH,
                    GovernanceErrorCode.INVALID_PATCH);
            assertThat(x.problem()).isNotBlank();
        });
        assertThat(v.code().isPresent()).isEqualTo(!v.ok());
        v.code().ifPresent(code -> assertThat(v.violations()).noneMatch(x -> x.code().moreSevereThan(code)));
        if (v.ok()) {
            assertAppliedAsDeclared(doc, patch, v);
        }
        Statistics.label("accepted").collect(v.ok());
        Statistics.label("accepted").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("code").collect(v.code().map(Enum::name).orElse("OK"));
    }

    @Property(tries = 1000)
    @Label("two valid patches without a conflict can both be applied, one after the other")
    void conflictFreePatchesCompose(@ForAll("twoValidPatches") Tuple3<JsonNode, Patch, Patch> t) {
        JsonNode doc = t.get1();
        Patch pending = t.get2();
        Patch candidate = new Patch(t.get3().id() + "-2", t.get3().type(), t.get3().path(), t.get3().before(),
                t.get3().after(), t.get3().rationale(), t.get3().riskLevel(), t.get3().source(), t.get3().explicitUserIntent());

        List<Conflict> conflicts = ConflictDetector.detect(candidate, List.of(pending));
        Statistics.label("conflict").collect(!conflicts.isEmpty());
        if (conflicts.isEmpty()) {
            JsonNode afterPending = validator.validate(pending, doc).result();
            PatchValidation second = validator.validate(candidate, afterPending);
            assertThat(second.violations()).as(candidate + " after " + pending).isEmpty();
        }
        if (DotPath.overlaps(pending.path(), candidate.path())
                && !ChangeClassifier.sameValue(pending.after(), candidate.after())) {
            assertThat(conflicts).isNotEmpty();
        }
    }

    private static void assertAppliedAsDeclared(JsonNode doc, Patch patch, PatchValidation v) {
        JsonNode result = v.result();
        assertThat(result.isMissingNode()).isFalse();
        assertThat(result).isEqualTo(DotPath.with(doc, patch.path(), patch.after()));
        assertThat(ChangeClassifier.classify(doc, result)).contains(patch.type());
        if (!patch.removes()) {
            assertThat(ChangeClassifier.sameValue(DotPath.get(result, patch.path()), patch.after())).isTrue();
            // Once applied, the same patch is stale: it cannot be applied twice.
            assertThat(new PatchValidator().validate(patch, result).ok()).isFalse();
        }
        if (patch.source() == PatchSource.ML) {
            assertThat(patch.type()).isEqualTo(PatchType.PATCH);
            assertThat(MlLimits.from(doc).limitFor(patch.path())).isPresent();
        }
    }
}
