package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.CanonicalJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Renders the catalogue as the Markdown reference in {@code docs/ACTIONS.md}. */
public final class CatalogMarkdown {

    private CatalogMarkdown() {
    }

    public static String render(ActionCatalog catalog) {
        StringBuilder md = new StringBuilder();
        md.append("# Action catalogue\n\n");
        md.append("Generated from the catalogue by `CatalogDocTest` (run the tests with ")
                .append("`-Davalon.docs.write=true` to rewrite it). Every request is\n")
                .append("`{\"action\", \"data\", \"meta\": {\"idempotencyKey\", \"traceId\", \"actor\", \"confirm\"}}`.\n\n");
        md.append("| action | scope | effect | confirm | description |\n|---|---|---|---|---|\n");
        for (ActionDefinition d : catalog.all()) {
            md.append("| `").append(d.name()).append("` | `").append(d.scope()).append("` | ").append(d.effect())
                    .append(" | ").append(d.highRisk() ? "yes" : "no").append(" | ")
                    .append(d.description().replace("|", "\\|")).append(" |\n");
        }
        for (ActionDefinition d : catalog.all()) {
            md.append("\n## `").append(d.name()).append("`\n\n").append(d.description()).append("\n\n");
            md.append("Data fields: ").append(fields(d.dataSchema())).append("\n\n");
            md.append("Result fields: ").append(fields(d.resultSchema())).append("\n\n");
            md.append("Example:\n\n```json\n{\"action\":\"").append(d.name()).append("\",\"data\":")
                    .append(CanonicalJson.string(d.example())).append("}\n```\n");
        }
        return md.toString();
    }

    private static String fields(JsonNode schema) {
        JsonNode props = schema.path("properties");
        if (props.isEmpty()) {
            return "none.";
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> out = new ArrayList<>();
        Iterator<String> names = props.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            out.add("`" + n + "`" + (required.contains(n) ? "" : " (optional)"));
        }
        return String.join(", ", out) + ".";
    }
}
