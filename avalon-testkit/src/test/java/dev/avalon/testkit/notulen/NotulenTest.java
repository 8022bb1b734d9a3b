package dev.avalon.testkit.notulen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notulen are saved safely under notulen/, listed, read for action points and committed on JA; chatlogs append")
class NotulenTest {

    static final String MINUTES = """
            # Bestuursoverleg

            - [x] Notulen rondgestuurd @carla
            - [ ] Begroting 2027 opstellen @anne 📅 2026-11-30
              - [ ] Offerte zaalhuur @bram [due:: 2026-11-27]

            Actie: Bram belt de gemeente due: 2026-12-04
            AP: @anne nodigt de leden uit
            TODO website bijwerken
            """;

    private AvalonHarness h;

    @BeforeEach
    void open() {
        h = AvalonHarness.inMemory();
    }

    @AfterEach
    void close() {
        h.close();
    }

    static String save(String project, String title, String markdown) {
        var data = Json.object();
        data.put("project", project);
        data.put("date", "2026-11-23");
        data.put("title", title);
        data.put("markdown", markdown);
        return CanonicalJson.string(data);
    }

    @Test
    @DisplayName("save → list → action points → request_commit → JA commits the minutes with their audit entry")
    void lifecycle() {
        var saved = h.dispatch("notulen.save", save("vsb-bestuur", "Bestuursoverleg 23 november", MINUTES)).assertOk();
        String path = "notulen/vsb-bestuur/2026-11-23-bestuursoverleg-23-november.md";
        assertThat(saved.data().path("path").asText()).isEqualTo(path);
        assertThat(saved.data().path("actionPoints").asInt()).isEqualTo(6);
        assertThat(new String(h.store().read(BrainPath.of(path)).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(MINUTES);

        var list = h.dispatch("notulen.list", "{\"project\":\"vsb-bestuur\"}").assertOk();
        assertThat(list.data().path("files").findValuesAsText("file"))
                .containsExactly("2026-11-23-bestuursoverleg-23-november.md");
        assertThat(h.dispatch("notulen.list", "{\"project\":\"onbekend\"}").assertOk().data().path("files")).isEmpty();

        JsonNode points = h.dispatch("notulen.extract_action_points",
                "{\"project\":\"vsb-bestuur\",\"file\":\"2026-11-23-bestuursoverleg-23-november.md\"}")
                .assertOk().data().path("actionPoints");
        assertThat(points).hasSize(6);
        assertThat(points.get(0).path("done").asBoolean()).isTrue();
        assertThat(points.get(1).path("due").asText()).isEqualTo("2026-11-30");
        assertThat(points.get(1).path("owner").asText()).isEqualTo("anne");
        assertThat(points.get(2).path("due").asText()).isEqualTo("2026-11-27");
        assertThat(points.get(2).path("line").asInt()).isEqualTo(5);
        assertThat(points.get(3).path("text").asText()).isEqualTo("Bram belt de gemeente");
        assertThat(points.get(5).path("owner").isNull()).isTrue();

        var consent = h.dispatch("notulen.request_commit", "{\"project\":\"vsb-bestuur\"}").assertOk();
        assertThat(consent.data().path("files").get(0).asText()).isEqualTo(path);
        var committed = h.dispatch("question.answer", "{\"id\":\"" + consent.askId(0) + "\",\"answer\":\"JA\"}")
                .assertOk();
        String sha = committed.data().path("commitSha").asText();
        assertThat(h.store().contentHashes(sha).keySet()).contains(BrainPath.of(path), BrainPath.of("audit/2026.jsonl"));
        assertThat(h.dispatch("notulen.request_commit", "{}").assertOk().data().path("pending").asBoolean()).isFalse();
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    static Stream<Arguments> refused() {
        String over = "x".repeat(50_000);
        return Stream.of(
                Arguments.of("a traversing project name", save("../../etc", "Overleg", "# a\n"), "$.data.project"),
                Arguments.of("a reserved device name", save("CON", "Overleg", "# a\n"), "$.data.project"),
                Arguments.of("a project with a separator", save("a/b", "Overleg", "# a\n"), "$.data.project"),
                Arguments.of("a project with a control character", save("a\u0007b", "Overleg", "# a\n"), "$.data.project"),
                Arguments.of("a title that makes a reserved name", save("vsb", "Aux", "# a\n"), "$.data.title"),
                Arguments.of("markdown over the size limit", save("vsb", "Overleg", over), "$.data.markdown"),
                Arguments.of("markdown that is not valid UTF-8 (lone surrogate)",
                        save("vsb", "Overleg", "# a\n\ud800 kapot\n"), "$.data.markdown"),
                Arguments.of("markdown with a NUL byte", save("vsb", "Overleg", "# a\u0000\n"), "$.data.markdown"),
                Arguments.of("a chatlog line with an unknown role",
                        "{\"conversationId\":\"c-1\",\"role\":\"bot\",\"text\":\"hoi\"}", "$.data.role"),
                Arguments.of("a chatlog line with a bad conversation id",
                        "{\"conversationId\":\"c 1/x\",\"role\":\"user\",\"text\":\"hoi\"}", "$.data.conversationId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    @DisplayName("is refused naming the field, nothing changes, and nothing is written outside notulen/")
    void refusedAndUnchanged(String name, String data, String path) {
        var before = h.snapshot();
        String action = path.startsWith("$.data.role") || path.startsWith("$.data.conversationId")
                ? "chatlog.append" : "notulen.save";
        // the lone surrogate survives only as a JSON escape, so the envelope is built by hand here
        String json = "{\"action\":\"" + action + "\",\"data\":" + data.replace("\ud800", "\\ud800") + "}";
        var r = h.raw(json).assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).extracting(Violation::path).contains(path);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("extracting from a traversing file name is refused and reads nothing outside notulen/")
    void extractTraversal() {
        var r = h.dispatch("notulen.extract_action_points", "{\"project\":\"vsb\",\"file\":\"../../behaviour.avl\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).extracting(Violation::path).contains("$.data.file");
        h.dispatch("notulen.extract_action_points", "{\"project\":\"vsb\",\"file\":\"2026-01-01-x.md\"}")
                .assertRejected(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("chatlog.append writes one schema-valid line per message to the day's file; a broken line fails validation")
    void chatlog() {
        h.dispatch("chatlog.append", "{\"conversationId\":\"c-1\",\"role\":\"user\",\"text\":\"Zet de begroting op de agenda.\","
                + "\"ts\":\"2026-11-23T23:30:00+01:00\"}").assertOk();
        var second = h.dispatch("chatlog.append", "{\"conversationId\":\"c-1\",\"role\":\"assistant\",\"text\":\"Gedaan.\","
                + "\"ts\":\"2026-11-23T23:31:00+01:00\"}").assertOk();
        assertThat(second.data().path("path").asText()).isEqualTo("chatlogs/2026-11-23.jsonl");
        assertThat(second.data().path("line").asInt()).isEqualTo(2);
        var nextDay = h.dispatch("chatlog.append", "{\"conversationId\":\"c-1\",\"role\":\"user\",\"text\":\"x\","
                + "\"ts\":\"2026-11-24T00:10:00+01:00\"}").assertOk();
        assertThat(nextDay.data().path("path").asText()).as("the day in the user's zone").isEqualTo("chatlogs/2026-11-24.jsonl");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();

        BrainPath file = BrainPath.of("chatlogs/2026-11-23.jsonl");
        byte[] bytes = h.store().read(file).orElseThrow();
        byte[] broken = (new String(bytes, StandardCharsets.UTF_8) + "{\"conversationId\":\"c-1\",\"role\":\"bot\","
                + "\"text\":\"x\",\"ts\":\"2026-11-23T22:00:00Z\"}\n").getBytes(StandardCharsets.UTF_8);
        h.store().apply(List.of(FileChange.put(file, broken)));
        JsonNode report = h.dispatch("system.validate").assertOk().data();
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("problems").toString()).contains("chatlogs/2026-11-23.jsonl:3");
    }

    @Test
    @DisplayName("ordinary minutes: an Actiepunten list with Naam: owners and Dutch due dates counted from the minutes' date")
    void ordinaryMinutesActionPoints() {
        String minutes = """
                # Werkoverleg

                Aanwezig: Jan, Piet en Anne

                ## Actiepunten

                1. Jan: offerte versturen vóór 30-11
                2. Jan stuurt de offerte, uiterlijk 30-11-2026
                - Anne belt de verhuurder, deadline 5 januari
                """;
        var saved = h.dispatch("notulen.save", save("werk", "Werkoverleg", minutes)).assertOk();
        assertThat(saved.data().path("actionPoints").asInt()).isEqualTo(3);
        JsonNode points = h.dispatch("notulen.extract_action_points",
                "{\"project\":\"werk\",\"file\":\"2026-11-23-werkoverleg.md\"}").assertOk().data().path("actionPoints");
        assertThat(points).extracting(p -> p.path("text").asText(), p -> p.path("owner").asText(),
                        p -> p.path("due").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("offerte versturen", "Jan", "2026-11-30"),
                        org.assertj.core.groups.Tuple.tuple("Jan stuurt de offerte", "Jan", "2026-11-30"),
                        // the minutes are of 23 November 2026: 5 January is the next one, in 2027
                        org.assertj.core.groups.Tuple.tuple("Anne belt de verhuurder", "Anne", "2027-01-05"));
    }
}
