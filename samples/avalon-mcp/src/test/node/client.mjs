// Drives the Avalon MCP server (the jar, over stdio) with the TypeScript SDK's client and prints one JSON
// object with what it saw; the Java test asserts on it. The client checks every structured result
// against the tool's outputSchema itself (with Ajv), independently of the server.
// usage: node client.mjs <avalon-mcp.jar> <brain dir> <seal key file>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [jar, brain, keyFile] = process.argv.slice(2);
const transport = new StdioClientTransport({
  command: "java",
  args: ["-jar", jar, "--brain", brain, "--key-file", keyFile],
  stderr: "inherit",
});
const client = new Client({ name: "avalon-node-client", version: "1.0.0" });
await client.connect(transport);

const tools = [];
let cursor;
do {
  const page = await client.listTools(cursor ? { cursor } : {});
  tools.push(...page.tools);
  cursor = page.nextCursor;
} while (cursor);

const added = await client.callTool({
  name: "logbook_add_daily_entry",
  arguments: { activiteit: "Offerte VSB afronden", domein: "VSB", stress: 6, motivatie: 7, status: "done", moveCount: 1 },
});
const week = await client.callTool({ name: "logbook_week", arguments: {} });
const refused = await client.callTool({
  name: "logbook_add_daily_entry",
  arguments: { activiteit: "Te veel", domein: "VSB", stress: 42, motivatie: 7, status: "done", moveCount: 0 },
});

console.log(JSON.stringify({
  server: client.getServerVersion(),
  toolCount: tools.length,
  withInputSchema: tools.filter((t) => t.inputSchema && t.inputSchema.type === "object").length,
  withOutputSchema: tools.filter((t) => t.outputSchema && t.outputSchema.type === "object").length,
  added,
  week,
  refused,
}));
await client.close();
