package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon run")
class RunCommandTest {

    private static final String START = "2026-11-23T08:00:00+01:00";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("plays the checked-in patch-flow session to a commit, one answer per action line")
    void patchFlowSession() throws Exception {
        List<String> script = script("sessions/patch-flow.jsonl");
        List<JsonNode> answers = new ArrayList<>();
        try (JsonLinesSession session = new JsonLinesSession("run", "--brain", brain().toString(), "--clock", START)) {
            JsonNode previous = null;
            for (String line : script) {
                if (line.isBlank()) {
                    // skipped by the command: no answer comes for it, the next action's answer is next
                    session.write(line.getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                String action = substituteAsk0(line, previous);
                previous = session.send(action);
                answers.add(previous);
                assertThat(previous.path("action").asText())
                        .as("answer to %s", action).isEqualTo(Cli.parse(action).path("action").asText());
                assertThat(previous.path("ok").asBoolean()).as("answer %s to %s", previous, action).isTrue();
            }
            assertThat(session.finish()).isZero();
            assertThat(session.unread()).isZero();
        }
        assertThat(answers).hasSize((int) script.stream().filter(l -> !l.isBlank()).count());
        JsonNode last = answers.get(answers.size() - 1);
        assertThat(last.path("data").path("commitSha").asText()).matches("[0-9a-f]{40}");
        assertThat(answers.get(1).path("data").path("value").asInt()).isEqualTo(3);
        assertThat(answers.get(2).path("data").path("now").asText()).isEqualTo("2026-11-23T08:05:00+01:00");
        assertThat(answers.get(4).path("data").path("newVersion").asText()).isEqualTo("1.0.1");
    }

    @Test
    @DisplayName("answers a line that is not JSON with INVALID_JSON and goes on with the next line")
    void invalidJsonDoesNotEndTheSession() throws Exception {
        byte[] input = """
                {"action":"system.health"}
                this is not json
                {"action":"behaviour.get","data":{"path":"reminderEscalationRules.threshold"}}
                """.getBytes(StandardCharsets.UTF_8);

        Cli.Execution run = Cli.execute(input, "run", "--brain", brain().toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> answers = run.jsonLines();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).path("ok").asBoolean()).isTrue();
        assertThat(answers.get(1).path("ok").asBoolean()).isFalse();
        assertThat(answers.get(1).path("error").path("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(answers.get(2).path("ok").asBoolean()).isTrue();
        assertThat(answers.get(2).path("data").path("value").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("passes bytes that are not UTF-8 to Avalon, which refuses them as INVALID_JSON")
    void invalidUtf8IsRefusedByAvalon() {
        byte[] badLine = {'{', '"', 'a', 0x63, (byte) 0xC3, 0x28, '"', ':', '1', '}', '\n'};
        byte[] good = "{\"action\":\"system.health\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[badLine.length + good.length];
        System.arraycopy(badLine, 0, input, 0, badLine.length);
        System.arraycopy(good, 0, input, badLine.length, good.length);

        Cli.Execution run = Cli.execute(input, "run", "--brain", brain().toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> answers = run.jsonLines();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).path("error").path("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(answers.get(0).path("error").path("message").asText()).contains("UTF-8");
        assertThat(answers.get(1).path("ok").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("skips blank lines, accepts CRLF line ends and writes only JSON to stdout")
    void blankLinesAndCrlf() {
        byte[] input = "\r\n   \n{\"action\":\"system.health\"}\r\n\n\t\n{\"action\":\"governance.status\"}"
                .getBytes(StandardCharsets.UTF_8);

        Cli.Execution run = Cli.execute(input, "run", "--brain", brain().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.jsonLines()).extracting(n -> n.path("action").asText())
                .containsExactly("system.health", "governance.status");
    }

    @Test
    @DisplayName("says in its help that blank lines are skipped, since a front end waiting for their answer would wait forever")
    void helpSaysBlankLinesAreSkipped() {
        Cli.Execution help = Cli.execute("run", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Blank lines are skipped");
        // a blank line (a BOM and spaces count as blank) gets no answer: the next answer is the next action's
        byte[] input = "\uFEFF  \n{\"action\":\"system.health\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Cli.execute(input, "run", "--brain", brain().toString()).jsonLines())
                .extracting(n -> n.path("action").asText()).containsExactly("system.health");
    }

    @Test
    @DisplayName("refuses system.tick on the system clock, and answers an oversized line with PAYLOAD_TOO_LARGE")
    void tickNeedsManualClockAndLongLinesAreRefused() {
        String huge = "{\"action\":\"system.health\",\"data\":{\"x\":\"" + "a".repeat(300 * 1024) + "\"}}";
        byte[] input = ("{\"action\":\"system.tick\",\"data\":{\"now\":\"2030-01-01T00:00:00Z\"}}\n" + huge
                + "\n{\"action\":\"system.health\"}\n").getBytes(StandardCharsets.UTF_8);

        Cli.Execution run = Cli.execute(input, "run", "--brain", brain().toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> answers = run.jsonLines();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).path("ok").asBoolean()).isFalse();
        assertThat(answers.get(0).path("error").path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answers.get(1).path("error").path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(answers.get(2).path("ok").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("rejects a --clock that is not ISO-8601 with a usage error")
    void badClock() {
        Cli.Execution run = Cli.execute("run", "--brain", brain().toString(), "--clock", "next monday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--clock");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @DisplayName("refuses a patch value of 1e400 on a git brain, which keeps taking writes and stays healthy")
    void hugeNumberDoesNotBrickTheBrain() {
        String patch = "{\"action\":\"behaviour.propose_patch\",\"data\":{\"patch\":{\"id\":\"%s\",\"type\":\"PATCH\","
                + "\"path\":\"calendar.bufferMinutes\",\"before\":10,\"after\":%s,\"rationale\":\"x\","
                + "\"riskLevel\":\"LOW\",\"source\":\"USER\"}}}";
        byte[] input = String.join("\n", String.format(patch, "P1", "1e400"), String.format(patch, "P2", "1e-400"),
                String.format(patch, "P3", "15"), "{\"action\":\"system.health\",\"data\":{}}",
                "{\"action\":\"audit.verify\",\"data\":{}}", "").getBytes(StandardCharsets.UTF_8);

        Cli.Execution run = Cli.execute(input, "run", "--brain", brain().toString(), "--clock", START);

        assertThat(run.exitCode()).isZero();
        List<JsonNode> answers = run.jsonLines();
        assertThat(answers).hasSize(5);
        for (JsonNode refused : answers.subList(0, 2)) {
            assertThat(refused.path("error").path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.path("error").path("details").get(0).path("path").asText()).isEqualTo("$.data.patch.after");
        }
        assertThat(answers.get(2).path("ok").asBoolean()).as("the next write, %s", answers.get(2)).isTrue();
        assertThat(answers.get(3).path("data").path("state").asText()).isEqualTo("STATE_NORMAL");
        assertThat(answers.get(4).path("data").path("intact").asBoolean()).as("%s", answers.get(4)).isTrue();
    }

    private Path brain() {
        return tmp.resolve("brain");
    }

    /** Replaces {@code {{ask0}}} with the id of the first question the previous answer asked. */
    private static String substituteAsk0(String line, JsonNode previous) {
        if (!line.contains("{{ask0}}")) {
            return line;
        }
        JsonNode id = previous == null ? null : previous.path("ask").path(0).path("id");
        if (id == null || !id.isTextual()) {
            throw new AssertionError("{{ask0}} in " + line + " but the previous answer asked nothing: " + previous);
        }
        return line.replace("{{ask0}}", id.textValue());
    }

    private static List<String> script(String resource) throws IOException {
        try (InputStream in = RunCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
