package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.avalon.core.governance.Docs.json;
import static dev.avalon.core.governance.Docs.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("A patch reads and writes its wire form")
class PatchTest {

    @Test
    @DisplayName("the seed's example patch reads field by field")
    void readsTheSeedExample() {
        Patch p = patch("{'id':'ML-SUG-2025-0001','type':'PATCH','path':'reminderEscalationRules.threshold',"
                + "'before':2,'after':1,'rationale':'...','riskLevel':'LOW','source':'ML'}");

        assertThat(p.id()).isEqualTo("ML-SUG-2025-0001");
        assertThat(p.type()).isEqualTo(PatchType.PATCH);
        assertThat(p.path()).isEqualTo("reminderEscalationRules.threshold");
        assertThat(p.before()).isEqualTo(IntNode.valueOf(2));
        assertThat(p.after()).isEqualTo(IntNode.valueOf(1));
        assertThat(p.riskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(p.source()).isEqualTo(PatchSource.ML);
        assertThat(p.explicitUserIntent()).isFalse();
    }

    @Test
    @DisplayName("absent before and after are missing nodes, and a JSON null is a value")
    void absentIsNotNull() {
        Patch removal = patch("{'id':'p','type':'MAJOR','path':'a','before':null,'rationale':'r','riskLevel':'HIGH',"
                + "'source':'USER','explicitUserIntent':true}");

        assertThat(removal.before()).isEqualTo(NullNode.getInstance());
        assertThat(removal.after().isMissingNode()).isTrue();
        assertThat(removal.removes()).isTrue();
        assertThat(removal.adds()).isFalse();
        ObjectNode wire = removal.toJson();
        assertThat(wire.has("before")).isTrue();
        assertThat(wire.has("after")).isFalse();
        assertThat(Patch.fromJson(wire)).isEqualTo(removal);
    }

    @Test
    @DisplayName("toJson and fromJson round-trip")
    void roundTrip() {
        Patch p = new Patch("USR-1", PatchType.MINOR, "domains.NEW", null, json("{'colour':'#000000'}"), "why",
                RiskLevel.MEDIUM, PatchSource.USER, false);

        assertThat(Patch.fromJson(p.toJson())).isEqualTo(p);
        assertThat(p.toJson().has("before")).isFalse();
        assertThat(p.withRiskLevel(RiskLevel.HIGH).riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(p.withRiskLevel(RiskLevel.HIGH).id()).isEqualTo("USR-1");
    }

    @Test
    @DisplayName("the values cannot be changed from outside")
    void immutable() {
        ObjectNode after = (ObjectNode) json("{'a':1}");
        Patch p = new Patch("p", PatchType.MINOR, "x", null, after, "r", RiskLevel.LOW, PatchSource.USER, false);
        after.put("a", 2);
        ((ObjectNode) p.after()).put("a", 3);

        assertThat(p.after()).isEqualTo(json("{'a':1}"));
    }

    @Test
    @DisplayName("malformed wire objects are refused with the field named")
    void malformed() {
        assertThatIllegalArgumentException().isThrownBy(() -> Patch.fromJson(json("[1]")));
        assertThatIllegalArgumentException().isThrownBy(() -> Patch.fromJson(null));
        assertThatIllegalArgumentException().isThrownBy(() -> patch("{'id':'p','type':'PATCH','path':'a',"
                + "'rationale':'r','riskLevel':'LOW'}")).withMessageContaining("patch.source");
        assertThatIllegalArgumentException().isThrownBy(() -> patch("{'id':'p','type':'HUGE','path':'a',"
                + "'rationale':'r','riskLevel':'LOW','source':'USER'}")).withMessageContaining("patch.type");
        assertThatIllegalArgumentException().isThrownBy(() -> patch("{'id':1,'type':'PATCH','path':'a',"
                + "'rationale':'r','riskLevel':'LOW','source':'USER'}")).withMessageContaining("patch.id");
        assertThatIllegalArgumentException().isThrownBy(() -> patch("{'id':'p','type':'PATCH','path':'a',"
                + "'rationale':'r','riskLevel':'LOW','source':'USER','explicitUserIntent':'yes'}"))
                .withMessageContaining("explicitUserIntent");
    }
}
