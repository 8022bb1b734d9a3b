package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static dev.avalon.core.governance.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ChangeClassifier names the real kind of a change")
class ChangeClassifierTest {

    @ParameterizedTest(name = "{0} → {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'a':1}                  | {'a':2}                     | PATCH",
            "{'a':1}                  | {'a':2.5}                   | PATCH",
            "{'a':'x','b':true}       | {'a':'y','b':false}         | PATCH",
            "{'a':[1,2]}              | {'a':[1,3]}                 | PATCH",
            "{'a':1}                  | {'a':1,'b':2}               | MINOR",
            "{'a':[1]}                | {'a':[1,2]}                 | MINOR",
            "{'a':{}}                 | {'a':{'b':{'c':1}}}         | MINOR",
            "{'a':1,'b':[1]}          | {'a':2,'b':[1,2]}           | MINOR",
            "{'a':1,'b':2}            | {'a':1}                     | MAJOR",
            "{'a':[1,2]}              | {'a':[1]}                   | MAJOR",
            "{'a':3}                  | {'a':'3'}                   | MAJOR",
            "{'a':3}                  | {'a':{'v':3}}               | MAJOR",
            "{'a':{}}                 | {'a':[]}                    | MAJOR",
            "{'a':null}               | {'a':0}                     | MAJOR",
            "{'a':true}               | {'a':'true'}                | MAJOR",
            "{'a':1,'c':[1]}          | {'a':2,'b':1,'c':[]}        | MAJOR",
    })
    void classifies(String before, String after, PatchType expected) {
        assertThat(ChangeClassifier.classify(json(before), json(after))).contains(expected);
    }

    @Test
    @DisplayName("equal documents are no change, and numbers compare by value")
    void noChange() {
        assertThat(ChangeClassifier.classify(json("{'a':[1,{'b':'x'}]}"), json("{'a':[1,{'b':'x'}]}"))).isEmpty();
        assertThat(ChangeClassifier.classify(json("{'a':3}"), json("{'a':3.0}"))).isEmpty();
        assertThat(ChangeClassifier.sameValue(json("3"), json("3.00"))).isTrue();
        assertThat(ChangeClassifier.sameValue(json("3"), json("\"3\""))).isFalse();
        assertThat(ChangeClassifier.sameValue(DoubleNode.valueOf(Double.NaN), DoubleNode.valueOf(Double.NaN))).isTrue();
    }

    @Test
    @DisplayName("a missing node is no value: adding it is MINOR, losing it MAJOR")
    void missing() {
        assertThat(ChangeClassifier.classify(MissingNode.getInstance(), json("1"))).contains(PatchType.MINOR);
        assertThat(ChangeClassifier.classify(json("1"), MissingNode.getInstance())).contains(PatchType.MAJOR);
        assertThat(ChangeClassifier.classify(MissingNode.getInstance(), MissingNode.getInstance())).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("dropsSomething sees removed keys and elements at any depth")
    void drops() {
        assertThat(ChangeClassifier.dropsSomething(json("{'a':{'b':1,'c':2}}"), json("{'a':{'b':1}}"))).isTrue();
        assertThat(ChangeClassifier.dropsSomething(json("[1,2]"), json("[1]"))).isTrue();
        assertThat(ChangeClassifier.dropsSomething(json("{'a':1}"), json("5"))).isTrue();
        assertThat(ChangeClassifier.dropsSomething(json("{'a':1}"), MissingNode.getInstance())).isTrue();
        assertThat(ChangeClassifier.dropsSomething(json("{'a':1}"), json("{'a':2,'b':3}"))).isFalse();
        assertThat(ChangeClassifier.dropsSomething(json("{}"), json("5"))).isFalse();
        assertThat(ChangeClassifier.dropsSomething(json("3"), json("'x'"))).isFalse();
        assertThat(ChangeClassifier.dropsSomething(MissingNode.getInstance(), json("1"))).isFalse();
    }
}
