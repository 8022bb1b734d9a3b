/**
 * An HTTP JSON API in front of many tenants' brains, on Javalin (Jetty 12): the actions, the questions,
 * the OpenAPI document, bearer API keys, limits, an access log, the scheduler's tick and a mount for the
 * MCP servlet. Nothing here is {@code null} unless it says so.
 */
package dev.avalon.http;
