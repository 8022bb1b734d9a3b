package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The catalogue's OpenAPI export as this server serves it: the export unchanged, plus a {@code servers}
 * entry for this server and the bearer security scheme every operation needs, so that the document can
 * be imported as a GPT Action as it is. The export's paths are {@code /v1/actions/<action>}, which this
 * server serves at the root of {@code servers[0].url}.
 */
final class OpenApiDocument {

    static final String SECURITY_SCHEME = "avalonKey";

    private OpenApiDocument() {
    }

    static ObjectNode served(JsonNode export, String serverUrl) {
        ObjectNode doc = export.deepCopy();
        ObjectNode server = doc.putArray("servers").addObject();
        server.put("url", serverUrl);
        server.put("description", "This Avalon server");
        ObjectNode components = doc.has("components") && doc.get("components").isObject()
                ? (ObjectNode) doc.get("components") : doc.putObject("components");
        ObjectNode scheme = components.putObject("securitySchemes").putObject(SECURITY_SCHEME);
        scheme.put("type", "http");
        scheme.put("scheme", "bearer");
        scheme.put("bearerFormat", "avl_…");
        scheme.put("description", "An Avalon API key (avl_…); it opens one tenant's brain with its scopes.");
        doc.putArray("security").addObject().putArray(SECURITY_SCHEME);
        return doc;
    }
}
