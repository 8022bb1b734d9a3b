package dev.avalon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.json.Json;
import dev.avalon.mail.EmlDirectoryMailSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * {@code avalon catalog}: the action catalogue as pretty JSON, in Avalon's own form, as strict tool
 * definitions for OpenAI function calling or Claude tool use, as an MCP {@code tools/list} result, or
 * as an OpenAPI 3.1 document for an HTTP front end.
 */
@Command(name = "catalog",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the action catalogue (names, descriptions, JSON Schemas, scopes) as JSON.",
                "Use --format openai, anthropic or mcp to register the actions as tools of a chat model,",
                "--format openapi for an HTTP front end (POST /v1/actions/<action>)."})
final class CatalogCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "avalon",
            description = "avalon, openai, anthropic, mcp or openapi (default: ${DEFAULT-VALUE}).")
    private CatalogFormat format;

    @Override
    public Integer call() throws JsonProcessingException {
        // the catalogue does not depend on any brain, but an Avalon needs one: a throwaway folder
        Path scratch = Brains.tempFolder("avalon-catalog-");
        JsonNode catalog;
        try {
            PrintWriter err = spec.commandLine().getErr();
            Clock clock = Clock.systemUTC();
            // the same adapters as every other command; nothing is ever sent from here
            Adapters adapters = new Adapters(new EmlDirectoryMailSender(scratch.resolve("mail"), clock), null);
            try (Avalon avalon = Brains.open(scratch.resolve("brain"), clock, ZoneId.of("Europe/Amsterdam"),
                    new AlertPrinter(err), null, adapters)) {
                catalog = avalon.exportCatalog(format);
            }
        } finally {
            Brains.deleteRecursively(scratch);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(catalog));
        out.flush();
        return 0;
    }
}
