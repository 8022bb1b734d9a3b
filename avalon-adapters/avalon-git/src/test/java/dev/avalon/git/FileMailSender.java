package dev.avalon.git;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link MailSender} for crash tests: each send appends one line to a file outside the brain and
 * forces it to the disk before returning, so a mail counts as sent exactly when its line is there,
 * whatever happens to the process afterwards. A line holds the outbox key the invite belongs to
 * ({@code uid/sequence/method[/recurrenceId]}, or {@code …/CANCEL/removed}), the event's UID, the
 * Message-ID and the process that sent it.
 */
final class FileMailSender implements MailSender {

    /** One sent mail as its line records it. */
    record Line(String key, String uid, String messageId, String writer) {
        static Line parse(String text) {
            String[] f = text.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalStateException("not a mail line: " + text);
            }
            return new Line(f[0], f[1], f[2], f[3]);
        }
    }

    private final Path file;
    private final String writer;
    private final PrintStream echo;

    /**
     * @param file   the file the lines go to
     * @param writer names the process in each line
     * @param echo   also reports {@code MAIL <key>} here after the line is on disk, or {@code null}
     */
    FileMailSender(Path file, String writer, PrintStream echo) {
        this.file = Objects.requireNonNull(file, "file");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.echo = echo;
    }

    /** The outbox key of the invite a mail carries. */
    static String keyOf(InviteRequest r) {
        String tail = r.uninvite() ? "/removed"
                : r.recurrenceId() == null ? "" : "/" + r.recurrenceId().toLocalDateTime();
        return r.uid() + "/" + r.sequence() + "/" + r.method() + tail;
    }

    @Override
    public synchronized String send(InviteMail mail) {
        InviteRequest request = mail.invite().request();
        String key = keyOf(request);
        String messageId = "<" + key.replaceAll("[^A-Za-z0-9.-]", "_") + "." + writer + "@crash.invalid>";
        String line = key + "\t" + request.uid() + "\t" + messageId + "\t" + writer + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new MailDeliveryException("cannot write " + file + ": " + e.getMessage(), true, e);
        }
        if (echo != null) {
            echo.println("MAIL " + key);
        }
        return messageId;
    }

    /** Every complete line of {@code file}, oldest first (a torn last line, if any, is left out). */
    static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return lines;
        }
        for (String l : text.substring(0, end).split("\n")) {
            if (!l.isEmpty()) {
                lines.add(Line.parse(l));
            }
        }
        return lines;
    }
}
