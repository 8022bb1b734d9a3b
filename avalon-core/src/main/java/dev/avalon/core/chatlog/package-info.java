/**
 * Conversation logs: one JSON object per line in {@code chatlogs/<yyyy-mm-dd>.jsonl}, each line
 * validated against {@code schema/chatlog-line.schema.json}. Nothing is {@code null} unless its
 * documentation says so.
 */
package dev.avalon.core.chatlog;
