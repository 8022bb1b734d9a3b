package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.avalon.core.governance.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("DotPath addresses values in a JSON document")
class DotPathTest {

    private final JsonNode doc = json("{'a':{'b':3,'list':[10,{'c':'x'}]},'0':'zero'}");

    @ParameterizedTest(name = "\"{0}\" is valid")
    @ValueSource(strings = {"a", "reminderEscalationRules.threshold", "domains.VSB.colour", "a.0.b", "x-y_z.9", "0"})
    void validPaths(String path) {
        assertThat(DotPath.isValid(path)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a b", "$.a", "a/b", "é", "a.b*"})
    void invalidPaths(String path) {
        assertThat(DotPath.isValid(path)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.segments(path));
    }

    @Test
    @DisplayName("a path is at most 256 characters")
    void maxLength() {
        assertThat(DotPath.isValid("a".repeat(256))).isTrue();
        assertThat(DotPath.isValid("a".repeat(257))).isFalse();
        assertThat(DotPath.isValid(null)).isFalse();
    }

    @Test
    @DisplayName("get follows keys and array indexes and answers a missing node when there is nothing")
    void get() {
        assertThat(DotPath.get(doc, "a.b")).isEqualTo(IntNode.valueOf(3));
        assertThat(DotPath.get(doc, "a.list.1.c")).isEqualTo(TextNode.valueOf("x"));
        assertThat(DotPath.get(doc, "0")).isEqualTo(TextNode.valueOf("zero"));
        assertThat(DotPath.get(doc, "a.list.2").isMissingNode()).isTrue();
        assertThat(DotPath.get(doc, "a.list.01").isMissingNode()).isTrue();
        assertThat(DotPath.get(doc, "a.list.c").isMissingNode()).isTrue();
        assertThat(DotPath.get(doc, "a.b.c").isMissingNode()).isTrue();
        assertThat(DotPath.get(doc, "nope").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("with sets, adds and removes on a copy and leaves the original alone")
    void with() {
        String original = doc.toString();

        assertThat(DotPath.with(doc, "a.b", IntNode.valueOf(4))).isEqualTo(json("{'a':{'b':4,'list':[10,{'c':'x'}]},'0':'zero'}"));
        assertThat(DotPath.with(doc, "a.list.2", IntNode.valueOf(5)).at("/a/list")).isEqualTo(json("[10,{'c':'x'},5]"));
        assertThat(DotPath.with(doc, "a.list.0", MissingNode.getInstance()).at("/a/list")).isEqualTo(json("[{'c':'x'}]"));
        assertThat(DotPath.with(doc, "a.b", MissingNode.getInstance()).get("a").has("b")).isFalse();
        assertThat(DotPath.with(doc, "a.b", null).get("a").has("b")).isFalse();
        assertThat(DotPath.with(doc, "new.deep.key", IntNode.valueOf(1)).at("/new/deep/key").intValue()).isEqualTo(1);
        assertThat(DotPath.with(doc, "missing.key", MissingNode.getInstance())).isEqualTo(doc);
        assertThat(doc.toString()).isEqualTo(original);
    }

    @Test
    @DisplayName("with refuses paths it cannot apply")
    void withRefuses() {
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.with(doc, "a.b.c", IntNode.valueOf(1)))
                .withMessageContaining("a.b is a number");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.with(doc, "a.list.3", IntNode.valueOf(1)))
                .withMessageContaining("beyond the end");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.with(doc, "a.list.x", IntNode.valueOf(1)))
                .withMessageContaining("not an index");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.with(IntNode.valueOf(1), "a", IntNode.valueOf(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.with(doc, "a..b", IntNode.valueOf(1)));
    }

    @Test
    @DisplayName("paths overlap when equal or nested at a segment boundary")
    void overlaps() {
        assertThat(DotPath.overlaps("drRules", "drRules")).isTrue();
        assertThat(DotPath.overlaps("drRules", "drRules.x")).isTrue();
        assertThat(DotPath.overlaps("drRules.x.y", "drRules")).isTrue();
        assertThat(DotPath.overlaps("drRules", "drRulesX")).isFalse();
        assertThat(DotPath.overlaps("drRules.x", "drRules.y")).isFalse();
        assertThat(DotPath.overlaps("", "anything")).isTrue();
        assertThat(DotPath.covers("a", "a.b")).isTrue();
        assertThat(DotPath.covers("a.b", "a")).isFalse();
    }
}
