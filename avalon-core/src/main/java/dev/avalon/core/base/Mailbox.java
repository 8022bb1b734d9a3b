package dev.avalon.core.base;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address with an optional display name, as an attendee is written: {@code jan@example.org},
 * {@code Jan Jansen <jan@example.org>} or {@code "Jansen, Jan" <jan@example.org>}.
 *
 * <p>{@link #text()} is the form kept in the brain: the bare address when there is no name, else an
 * RFC 5322 name-addr whose name is quoted unless it is plain words. A brain from before names were kept
 * holds bare addresses, which read back as mailboxes without a name.
 *
 * @param name    the display name, empty for none; never blank otherwise, without control characters,
 *                angle brackets, quotes or backslashes
 * @param address a plain address: dot-atom local part and a dotted host name
 */
public record Mailbox(String name, String address) {

    /**
     * A pragmatic addr-spec: dot-atom local part and a dotted host name. Quoted local parts and
     * address literals are refused on purpose: invitations go to ordinary mailboxes.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    /** Words a name-addr may carry without quotes (RFC 5322 atext and spaces). */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+");

    /** The longest display name kept, in code points. */
    public static final int NAME_MAX_LENGTH = 200;

    public Mailbox {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (!isAddress(address)) {
            throw new IllegalArgumentException("not a plain e-mail address: " + address);
        }
        if (!name.isEmpty() && !isName(name)) {
            throw new IllegalArgumentException("not a display name: " + name);
        }
    }

    /**
     * The mailbox {@code text} writes, or empty when it is neither a plain address nor a display name
     * (plain or in double quotes) followed by a plain address in angle brackets.
     */
    public static Optional<Mailbox> parse(String text) {
        String t = text.strip();
        if (isAddress(t)) {
            return Optional.of(new Mailbox("", t));
        }
        int open = t.lastIndexOf('<');
        if (open < 0 || !t.endsWith(">")) {
            return Optional.empty();
        }
        String address = t.substring(open + 1, t.length() - 1).strip();
        String name = t.substring(0, open).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (!isAddress(address) || !isName(name)) {
            return Optional.empty();
        }
        return Optional.of(new Mailbox(name, address));
    }

    /** Whether {@code address} is a plain address of at most 254 characters, with a local part of at most 64. */
    public static boolean isAddress(String address) {
        return address.length() <= 254 && ADDRESS.matcher(address).matches() && address.indexOf('@') <= 64;
    }

    private static boolean isName(String name) {
        return !name.isBlank() && name.codePointCount(0, name.length()) <= NAME_MAX_LENGTH
                && name.strip().equals(name)
                && name.codePoints().noneMatch(c -> c == '<' || c == '>' || c == '"' || c == '\\'
                || Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                || c == 0x2028 || c == 0x2029);
    }

    /** Whether a display name is given. */
    public boolean hasName() {
        return !name.isEmpty();
    }

    /** The form kept: the address alone, or the name (quoted unless plain words) and the address in angle brackets. */
    public String text() {
        if (name.isEmpty()) {
            return address;
        }
        String shown = PLAIN_WORDS.matcher(name).matches() ? name : "\"" + name + "\"";
        return shown + " <" + address + ">";
    }

    @Override
    public String toString() {
        return text();
    }
}
