package dev.avalon.core.action;

/** The formats {@link CatalogExport} writes; the wire name is the lower-case constant name. */
public enum CatalogFormat {
    /** Avalon's own: every field of every definition, schemas as Avalon checks them. */
    AVALON,
    /** OpenAI function tools ({@code type: function}), every one {@code strict: true}. */
    OPENAI,
    /** Claude tool use: {@code name, description, input_schema}, every one {@code strict: true}. */
    ANTHROPIC,
    /** A Model Context Protocol {@code tools/list} result with {@code inputSchema} and {@code outputSchema}. */
    MCP,
    /** An OpenAPI 3.1 document: {@code POST /v1/actions/<action>} per action, the error envelope as a component. */
    OPENAPI
}
