package dev.avalon.mail;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * "Sends" invitations by writing each message, exactly as {@link SmtpMailSender} would send it, to
 * {@code <yyyyMMdd'T'HHmmssSSS'Z'>-<uid>-<method>.eml} in a folder: the mail sink when no SMTP server is
 * configured, and a way to look at what would be sent. Any mail program opens the files.
 *
 * <p>A file appears whole or not at all: it is written under a temporary name, forced to the disk and
 * then renamed. An existing file is never overwritten; a second message with the same name gets
 * {@code -2}, {@code -3}, … before {@code .eml}. The uid is reduced to letters, digits, {@code .},
 * {@code _} and {@code -}. A folder that cannot be written is a permanent failure; other I/O failures
 * (a full disk) are transient. Thread-safe within one process.
 */
public final class EmlDirectoryMailSender implements MailSender {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_UID_CHARS = 80;

    private final Path folder;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    /** A sender writing into {@code folder} (created when missing); {@code clock} dates messages and names files. */
    public EmlDirectoryMailSender(Path folder, Clock clock) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String send(InviteMail mail) {
        Objects.requireNonNull(mail, "mail");
        Instant now = clock.instant();
        MimeMessage message = ImipMessage.of(session, mail, now);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        String messageId;
        try {
            message.writeTo(bytes);
            messageId = message.getMessageID();
        } catch (MessagingException | IOException e) {
            throw new MailDeliveryException("the message could not be written: " + e.getMessage(), false, e);
        }
        String base = STAMP.format(now) + "-" + fileSafe(mail.invite().request().uid()) + "-"
                + mail.invite().request().method().name();
        write(base, bytes.toByteArray());
        return messageId;
    }

    /** The folder the messages go to. */
    public Path folder() {
        return folder;
    }

    private synchronized void write(String base, byte[] content) {
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, ".writing-", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            for (int n = 1; ; n++) {
                Path target = folder.resolve(base + (n == 1 ? "" : "-" + n) + ".eml");
                if (Files.exists(target)) {
                    continue;
                }
                try {
                    moveAtomically(temporary, target);
                    temporary = null;
                    return;
                } catch (FileAlreadyExistsException raced) {
                    // another process took the name between the check and the move: try the next one
                }
            }
        } catch (AccessDeniedException e) {
            throw new MailDeliveryException("the mail folder cannot be written: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new MailDeliveryException("writing the message failed: " + e.getMessage(), true, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the half-written file has a temporary name no reader takes for a message
                }
            }
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String fileSafe(String uid) {
        String safe = uid.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > MAX_UID_CHARS ? safe.substring(0, MAX_UID_CHARS) : safe;
    }

    @Override
    public String toString() {
        return "EmlDirectoryMailSender[" + folder + "]";
    }
}
