package dev.avalon.core.chatlog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Who said a line of a conversation; wire names are lower case. */
public enum ChatRole {
    USER, ASSISTANT, SYSTEM, TOOL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this exact wire name. */
    public static Optional<ChatRole> fromWire(String text) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(text)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ChatRole::wire).toList();
    }
}
