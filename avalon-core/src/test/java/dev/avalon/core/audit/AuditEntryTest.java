package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.schema.JsonSchemas;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("An audit entry")
class AuditEntryTest {

    private static final Instant TS = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    @DisplayName("is one canonical JSON line with sorted keys, ending in a newline")
    void lineForm() throws Exception {
        ObjectNode data = Json.object();
        data.put("b", 2).put("a", 1);
        AuditEntry e = AuditChain.next(AuditHead.GENESIS, TS, new AuditRecord("commit.done", "user", null, data));

        String line = new String(e.line(), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain(" ");
        assertThat(line).startsWith("{\"actor\":\"user\",\"data\":{\"a\":1,\"b\":2},\"hash\":\"" + e.hash()
                + "\",\"prev\":\"" + AuditHead.GENESIS_HASH + "\",\"seq\":1,\"traceId\":null,"
                + "\"ts\":\"2026-03-01T09:00:00Z\",\"type\":\"commit.done\"}");
        assertThat(Json.parse(line.strip()).fieldNames()).toIterable().containsExactlyElementsOf(AuditEntry.FIELDS);
    }

    @Test
    @DisplayName("is hashed over its canonical bytes without the hash key")
    void hashDefinition() {
        AuditEntry e = AuditChain.next(AuditHead.GENESIS, TS, AuditFixtures.record(1));
        ObjectNode unsealed = e.toJson();
        unsealed.remove("hash");

        assertThat(e.hash()).isEqualTo(CanonicalJson.sha256Hex(CanonicalJson.bytes(unsealed)));
        assertThat(e.hashMatches()).isTrue();
        assertThat(e.head()).isEqualTo(new AuditHead(1, e.hash()));
    }

    @Test
    @DisplayName("has the same bytes and hash whatever the key order of its data")
    void keyOrderDoesNotMatter() {
        ObjectNode one = Json.object();
        one.put("x", 1).put("y", "two").putObject("z").put("q", true).put("p", 1.50);
        ObjectNode other = Json.object();
        other.putObject("z").put("p", 1.5).put("q", true);
        other.put("y", "two").put("x", 1);

        AuditEntry a = AuditChain.next(AuditHead.GENESIS, TS, new AuditRecord("t", "u", "tr", one));
        AuditEntry b = AuditChain.next(AuditHead.GENESIS, TS, new AuditRecord("t", "u", "tr", other));

        assertThat(a.line()).isEqualTo(b.line());
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    @DisplayName("reads back from its own line unchanged")
    void roundTrip() throws Exception {
        AuditEntry e = AuditChain.next(new AuditHead(41, "ab".repeat(32)), Instant.parse("2026-03-01T09:00:00.123456789Z"),
                AuditFixtures.record(2));

        AuditEntry read = AuditEntry.fromJson(Json.parse(e.line()));

        assertThat(read.line()).isEqualTo(e.line());
        assertThat(read.seq()).isEqualTo(42);
        assertThat(read.prev()).isEqualTo("ab".repeat(32));
        assertThat(read.traceId()).isEqualTo("trace-2");
        assertThat(read.hashMatches()).isTrue();
    }

    @Test
    @DisplayName("from JSON names the field that is missing or has the wrong type")
    void fromJsonNamesBadField() {
        ObjectNode good = AuditChain.next(AuditHead.GENESIS, TS, AuditFixtures.record(1)).toJson();

        ObjectNode noTs = good.deepCopy();
        noTs.remove("ts");
        assertThatThrownBy(() -> AuditEntry.fromJson(noTs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ts'");

        ObjectNode textSeq = good.deepCopy();
        textSeq.put("seq", "1");
        assertThatThrownBy(() -> AuditEntry.fromJson(textSeq)).hasMessageContaining("'seq'");

        ObjectNode shortHash = good.deepCopy();
        shortHash.put("hash", "abc");
        assertThatThrownBy(() -> AuditEntry.fromJson(shortHash)).hasMessageContaining("'hash'");

        ObjectNode arrayData = good.deepCopy();
        arrayData.putArray("data");
        assertThatThrownBy(() -> AuditEntry.fromJson(arrayData)).hasMessageContaining("'data'");

        ObjectNode extra = good.deepCopy();
        extra.put("user", "x");
        assertThatThrownBy(() -> AuditEntry.fromJson(extra)).hasMessageContaining("'user'");

        ObjectNode localTime = good.deepCopy();
        localTime.put("ts", "2026-03-01T10:00:00+01:00");
        assertThatThrownBy(() -> AuditEntry.fromJson(localTime)).hasMessageContaining("'ts'");
    }

    @Test
    @DisplayName("keeps its own copy of the data it was given")
    void dataIsCopied() {
        ObjectNode data = Json.object().put("k", "v");
        AuditRecord record = new AuditRecord("t", "u", null, data);
        AuditEntry e = AuditChain.next(AuditHead.GENESIS, TS, record);

        data.put("k", "changed");
        ((ObjectNode) e.data()).put("k", "changed too");

        assertThat(e.data().get("k").textValue()).isEqualTo("v");
        assertThat(e.hashMatches()).isTrue();
    }

    @Test
    @DisplayName("record without data audits an empty object; non-object data is refused")
    void recordData() {
        assertThat(new AuditRecord("t", "u", null, null).data()).isEqualTo(Json.object());
        JsonNode array = Json.nodes().arrayNode();
        assertThatThrownBy(() -> new AuditRecord("t", "u", null, array)).hasMessageContaining("data");
    }

    @Test
    @DisplayName("head prints and parses as seq:hash; GENESIS is seq 0 with 64 zeros")
    void head() {
        AuditHead h = new AuditHead(17, "0123456789abcdef".repeat(4));

        assertThat(h.toString()).isEqualTo("17:" + "0123456789abcdef".repeat(4));
        assertThat(AuditHead.parse(h.toString())).isEqualTo(h);
        assertThat(AuditHead.GENESIS.toString()).isEqualTo("0:" + "0".repeat(64));
        assertThat(AuditHead.parse(AuditHead.GENESIS.toString())).isEqualTo(AuditHead.GENESIS);
        assertThatThrownBy(() -> AuditHead.parse("17")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditHead.parse("x:" + "0".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditHead.parse("3:ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditHead(0, "1".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("chain links each entry to the one before and numbers them on")
    void chainLinks() {
        var entries = AuditChain.chain(AuditHead.GENESIS, TS,
                java.util.List.of(AuditFixtures.record(1), AuditFixtures.record(2), AuditFixtures.record(3)));

        assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(entries.get(0).prev()).isEqualTo(AuditHead.GENESIS_HASH);
        assertThat(entries.get(1).prev()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(2).prev()).isEqualTo(entries.get(1).hash());
        assertThat(entries).allMatch(AuditEntry::hashMatches).allMatch(e -> e.ts().equals(TS));
        assertThat(AuditChain.chain(AuditHead.GENESIS, TS, java.util.List.of())).isEmpty();
    }

    @Test
    @DisplayName("belongs in the file of its year in the brain's zone")
    void fileForYear() {
        Instant newYearsEveUtc = Instant.parse("2025-12-31T23:30:00Z");

        assertThat(AuditChain.fileFor(newYearsEveUtc, ZoneId.of("UTC")).value()).isEqualTo("audit/2025.jsonl");
        assertThat(AuditChain.fileFor(newYearsEveUtc, AuditFixtures.AMSTERDAM).value()).isEqualTo("audit/2026.jsonl");
    }

    @Test
    @DisplayName("agrees with the shipped schemas: what it writes validates, and so does the head")
    void agreesWithSchema() {
        JsonNode entrySchema = JsonSchemas.resource("schema/audit-entry.schema.json");
        JsonNode headSchema = JsonSchemas.resource("schema/audit-head.schema.json");
        AuditEntry withTrace = AuditChain.next(AuditHead.GENESIS, TS, AuditFixtures.record(2));
        AuditEntry withoutTrace = AuditChain.next(withTrace.head(), TS, AuditFixtures.record(3));
        ObjectNode head = Json.object().put("seq", withoutTrace.seq()).put("hash", withoutTrace.hash());

        assertThat(JsonSchemas.validate(entrySchema, withTrace.toJson(), "$")).isEmpty();
        assertThat(JsonSchemas.validate(entrySchema, withoutTrace.toJson(), "$")).isEmpty();
        assertThat(JsonSchemas.validate(headSchema, head, "$")).isEmpty();

        ObjectNode noPrev = withTrace.toJson();
        noPrev.remove("prev");
        assertThat(JsonSchemas.validate(entrySchema, noPrev, "$")).isNotEmpty();
        assertThatThrownBy(() -> AuditEntry.fromJson(noPrev)).hasMessageContaining("'prev'");
    }
}
