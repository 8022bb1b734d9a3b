/**
 * Avalon as a Model Context Protocol server: {@link dev.avalon.mcp.AvalonTools} turns the action catalogue into
 * MCP tools, {@link dev.avalon.mcp.AvalonMcpServer} serves one brain over stdio and
 * {@link dev.avalon.mcp.McpHttpEndpoint} serves many tenants' brains over Streamable HTTP.
 */
package dev.avalon.mcp;
