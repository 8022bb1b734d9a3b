package dev.avalon.core.notulen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One action point found in minutes.
 *
 * @param text  what is to be done, without the marker, the {@code Naam:} label and the due-date annotation
 * @param owner who does it ({@code @name} without the {@code @}, or the name of {@code Naam:} or of a
 *              leading name and verb), or {@code null}
 * @param due   when it is due, or {@code null}
 * @param done  whether its checkbox is ticked ({@code - [x]})
 * @param line  1-based line in the file where it starts
 */
public record ActionPoint(String text, String owner, LocalDate due, boolean done, int line) {
    public ActionPoint {
        Objects.requireNonNull(text, "text");
        if (line < 1) {
            throw new IllegalArgumentException("line is 1-based: " + line);
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("text", text);
        if (owner == null) {
            n.putNull("owner");
        } else {
            n.put("owner", owner);
        }
        if (due == null) {
            n.putNull("due");
        } else {
            n.put("due", due.toString());
        }
        n.put("done", done);
        n.put("line", line);
        return n;
    }
}
