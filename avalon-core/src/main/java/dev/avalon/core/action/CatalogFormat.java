package dev.avalon.core.action;

/** The formats {@link CatalogExport} writes. */
public enum CatalogFormat {
    /** Avalon's own: every field of every definition. */
    AVALON,
    /** OpenAI function tools ({@code type: function}, strict where the schema allows it). */
    OPENAI,
    /** A Model Context Protocol {@code tools/list} result. */
    MCP
}
