package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The change classification over random JSON trees. */
@Label("ChangeClassifier properties")
class ChangeClassifierPropertiesTest {

    @Provide
    Arbitrary<JsonNode> trees() {
        return GovernanceArbitraries.jsonValues(3);
    }

    @Property
    @Label("a tree compared with itself or a copy is no change")
    void reflexive(@ForAll("trees") JsonNode tree) {
        assertThat(ChangeClassifier.classify(tree, tree)).isEmpty();
        assertThat(ChangeClassifier.classify(tree, tree.deepCopy())).isEmpty();
    }

    @Property(tries = 2000)
    @Label("reversing a change keeps PATCH and MAJOR-by-type, and turns additions into removals")
    void reversal(@ForAll("trees") JsonNode a, @ForAll("trees") JsonNode b) {
        Optional<PatchType> forward = ChangeClassifier.classify(a, b);
        Optional<PatchType> backward = ChangeClassifier.classify(b, a);
        Statistics.label("forward").collect(forward.map(Enum::name).orElse("none"));

        assertThat(forward.isEmpty()).isEqualTo(backward.isEmpty());
        forward.ifPresent(type -> {
            switch (type) {
                case PATCH -> assertThat(backward).contains(PatchType.PATCH);
                case MINOR -> assertThat(backward).contains(PatchType.MAJOR);
                case MAJOR -> assertThat(backward).isNotEqualTo(Optional.of(PatchType.PATCH));
            }
        });
        if (forward.equals(Optional.of(PatchType.MINOR))) {
            assertThat(ChangeClassifier.dropsSomething(a, b)).isFalse();
            assertThat(ChangeClassifier.dropsSomething(b, a)).isTrue();
        }
    }

    @Property
    @Label("setting a new key in an object is MINOR")
    void addingIsMinor(@ForAll("trees") JsonNode tree, @ForAll("trees") JsonNode value) {
        if (tree.isObject() && !tree.has("fresh")) {
            JsonNode added = DotPath.with(tree, "fresh", value);
            assertThat(ChangeClassifier.classify(tree, added)).contains(PatchType.MINOR);
            assertThat(ChangeClassifier.classify(added, tree)).contains(PatchType.MAJOR);
        }
    }
}
