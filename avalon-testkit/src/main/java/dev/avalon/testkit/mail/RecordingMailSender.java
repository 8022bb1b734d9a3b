package dev.avalon.testkit.mail;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link MailSender} that keeps every mail it accepts instead of sending it, and can be told to fail
 * the next sends, transiently or permanently, to exercise retries. It refuses what a real sender
 * refuses (an address that is not a plain e-mail address, a subject with a line break) as a permanent
 * failure; told-to-fail sends are counted only for mail that would otherwise be accepted. Thread-safe.
 *
 * <pre>{@code
 * RecordingMailSender mail = new RecordingMailSender();
 * mail.failNextTransiently(2);          // the next two sends throw, retry may help
 * ...
 * assertThat(mail.sent()).hasSize(1);
 * }</pre>
 */
public final class RecordingMailSender implements MailSender {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    /** One accepted mail with the Message-ID it was given. */
    public record SentMail(String messageId, InviteMail mail) {
        public SentMail {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(mail, "mail");
        }
    }

    private final List<SentMail> sent = new ArrayList<>();
    private final Deque<Boolean> failures = new ArrayDeque<>();
    private int attempts;

    @Override
    public synchronized String send(InviteMail mail) {
        Objects.requireNonNull(mail, "mail");
        attempts++;
        List<String> problems = new ArrayList<>();
        if (!ADDRESS.matcher(mail.from()).matches()) {
            problems.add("from: not an e-mail address");
        }
        for (int i = 0; i < mail.to().size(); i++) {
            if (!ADDRESS.matcher(mail.to().get(i)).matches()) {
                problems.add("to[" + i + "]: not an e-mail address");
            }
        }
        if (mail.subject().indexOf('\r') >= 0 || mail.subject().indexOf('\n') >= 0) {
            problems.add("subject: contains a line break");
        }
        if (!problems.isEmpty()) {
            throw new MailDeliveryException("refused: " + String.join("; ", problems), false, null);
        }
        Boolean transientFailure = failures.poll();
        if (transientFailure != null) {
            throw new MailDeliveryException(transientFailure
                    ? "421 told to fail transiently" : "550 told to fail permanently", transientFailure, null);
        }
        String messageId = "<" + (sent.size() + 1) + "." + mail.invite().request().uid().replaceAll("[^A-Za-z0-9.-]", "_")
                + "@recording.invalid>";
        sent.add(new SentMail(messageId, mail));
        return messageId;
    }

    /** The next {@code count} acceptable sends throw a transient {@link MailDeliveryException}. */
    public synchronized void failNextTransiently(int count) {
        fail(count, true);
    }

    /** The next {@code count} acceptable sends throw a permanent {@link MailDeliveryException}. */
    public synchronized void failNextPermanently(int count) {
        fail(count, false);
    }

    /** The mails accepted so far, oldest first. */
    public synchronized List<SentMail> sent() {
        return List.copyOf(sent);
    }

    /** How often {@link #send} was called, failures included. */
    public synchronized int attempts() {
        return attempts;
    }

    /** Forgets what was sent and any failures still to come. */
    public synchronized void clear() {
        sent.clear();
        failures.clear();
        attempts = 0;
    }

    private void fail(int count, boolean transientFailure) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        for (int i = 0; i < count; i++) {
            failures.add(transientFailure);
        }
    }
}
