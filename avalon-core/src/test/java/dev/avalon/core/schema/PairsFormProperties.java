package dev.avalon.core.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A map sent as pairs reads back as the same map, in the same order; a key sent twice is named. */
class PairsFormProperties {

    private static final PairsForm POTS = new PairsForm("pot", "amount");

    @Provide
    Arbitrary<Map<String, String>> maps() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6)).ofMaxSize(20)
                .map(LinkedHashMap::new);
    }

    private static ArrayNode pairs(Map<String, String> map) {
        ArrayNode pairs = Json.nodes().arrayNode();
        map.forEach((k, v) -> pairs.addObject().put("pot", k).put("amount", v));
        return pairs;
    }

    private static ObjectNode object(Map<String, String> map) {
        ObjectNode object = Json.object();
        map.forEach(object::put);
        return object;
    }

    @Property(tries = 300)
    void pairsReadAsTheMap(@ForAll("maps") Map<String, String> map) {
        ObjectNode read = POTS.read(pairs(map), "$.data.potjesverdeling");
        assertThat(read).isEqualTo(object(map));
        assertThat(Json.mapper().convertValue(read, Map.class).keySet()).containsExactlyElementsOf(map.keySet());
        assertThat(POTS.read(object(map), "$.data.potjesverdeling")).as("the map form as it is").isEqualTo(object(map));
    }

    @Property(tries = 300)
    void aKeySentTwiceIsNamedByItsIndex(@ForAll("maps") Map<String, String> map, @ForAll @IntRange(max = 19) int at) {
        if (map.isEmpty()) {
            map.put("sparen", "1");
        }
        ArrayNode pairs = pairs(map);
        String again = pairs.get(at % pairs.size()).get("pot").textValue();
        pairs.addObject().put("pot", again).put("amount", "5");
        int index = pairs.size() - 1;
        assertThatThrownBy(() -> POTS.read(pairs, "$.data.potjesverdeling"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.error().details())
                        .extracting(Violation::path).containsExactly("$.data.potjesverdeling[" + index + "].pot"));
    }
}
