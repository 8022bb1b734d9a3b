package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon catalog and --help")
class CatalogAndHelpTest {

    @Test
    @DisplayName("prints Avalon's own catalogue as pretty JSON naming every built-in action")
    void avalonCatalogue() {
        Cli.Execution catalog = Cli.execute("catalog");

        assertThat(catalog.exitCode()).as(catalog.err()).isZero();
        assertThat(catalog.out().lines().count()).as("pretty, not one line").isGreaterThan(10);
        JsonNode json = Cli.parse(catalog.out());
        assertThat(json.toString())
                .contains("behaviour.propose_patch")
                .contains("question.answer")
                .contains("audit.verify");
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"avalon", "openai", "anthropic", "mcp", "openapi", "OPENAI"})
    @DisplayName("prints each export format as JSON")
    void formats(String format) {
        Cli.Execution catalog = Cli.execute("catalog", "--format", format);

        assertThat(catalog.exitCode()).as(catalog.err()).isZero();
        // tool names may not contain dots in every format, hence only the verb
        assertThat(Cli.parse(catalog.out()).toString()).contains("propose_patch");
    }

    @Test
    @DisplayName("--format anthropic prints strict Claude tools; --format openapi an OpenAPI 3.1 document with a POST per action")
    void anthropicAndOpenApi() {
        JsonNode tools = Cli.parse(Cli.execute("catalog", "--format", "anthropic").out());
        assertThat(tools.isArray()).isTrue();
        tools.forEach(t -> {
            assertThat(t.path("input_schema").path("type").asText()).isEqualTo("object");
            assertThat(t.path("strict").asBoolean()).as(t.path("name").asText()).isTrue();
        });

        JsonNode openapi = Cli.parse(Cli.execute("catalog", "--format", "openapi").out());
        assertThat(openapi.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(openapi.path("paths").path("/v1/actions/finance.allocate_funds").path("post").path("operationId")
                .asText()).isEqualTo("finance_allocate_funds");
        assertThat(openapi.path("paths").size()).isEqualTo(tools.size());
    }

    @Test
    @DisplayName("rejects an unknown format with a usage error")
    void unknownFormat() {
        Cli.Execution catalog = Cli.execute("catalog", "--format", "yaml");

        assertThat(catalog.exitCode()).isEqualTo(2);
        assertThat(catalog.err()).contains("--format");
    }

    @ParameterizedTest(name = "avalon {0} --help")
    @ValueSource(strings = {"demo", "run", "catalog", "verify"})
    @DisplayName("explains every command with --help")
    void help(String command) {
        Cli.Execution help = Cli.execute(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: avalon " + command);
    }

    @Test
    @DisplayName("lists the commands at the top level and asks for one when none is given")
    void topLevel() {
        Cli.Execution help = Cli.execute("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo").contains("run").contains("catalog").contains("verify");

        Cli.Execution none = Cli.execute();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing command");
    }
}
