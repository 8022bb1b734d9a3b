package dev.avalon.ics;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on the raw octets of an invite, independent of any iCalendar parser. */
final class InviteOctets {

    private InviteOctets() {
    }

    /**
     * Asserts that every line ends in CR LF, holds at most 75 octets before it, and that no fold (CR LF
     * followed by a space) falls inside the UTF-8 encoding of a code point: the octet after the space of
     * a continuation line is never a continuation octet (10xxxxxx).
     */
    static void assertFoldedByOctets(byte[] icalendar) {
        List<byte[]> lines = lines(icalendar);
        assertThat(lines).isNotEmpty();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            assertThat(line.length).as("octets of line %d", i + 1).isLessThanOrEqualTo(75);
            if (line.length > 0 && line[0] == ' ') {
                assertThat(line.length).as("continuation line %d holds more than the space; the line before: %s", i + 1,
                        new String(lines.get(i - 1), java.nio.charset.StandardCharsets.UTF_8)).isGreaterThan(1);
                assertThat(line[1] & 0xC0).as("line %d starts inside a UTF-8 sequence", i + 1).isNotEqualTo(0x80);
            }
            if (line.length > 0) {
                // the last octet of a line never opens a sequence whose rest is on the next line
                int last = line[line.length - 1] & 0xFF;
                assertThat(last >= 0xC0).as("line %d ends with a UTF-8 lead octet", i + 1).isFalse();
            }
        }
    }

    /** The lines of {@code icalendar} without their CR LF; fails when a line ends otherwise. */
    static List<byte[]> lines(byte[] icalendar) {
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < icalendar.length; i++) {
            if (icalendar[i] == '\n') {
                assertThat(i).as("LF at %d without CR", i).isGreaterThan(from - 1);
                assertThat(icalendar[i - 1]).as("LF at %d without CR", i).isEqualTo((byte) '\r');
                byte[] line = new byte[i - 1 - from];
                System.arraycopy(icalendar, from, line, 0, line.length);
                lines.add(line);
                from = i + 1;
            } else if (icalendar[i] == '\r') {
                assertThat(i + 1 < icalendar.length && icalendar[i + 1] == '\n').as("CR at %d without LF", i).isTrue();
            }
        }
        assertThat(from).as("the last line ends in CR LF").isEqualTo(icalendar.length);
        return lines;
    }
}
