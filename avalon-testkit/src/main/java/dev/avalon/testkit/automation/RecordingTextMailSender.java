package dev.avalon.testkit.automation;

import dev.avalon.core.port.TextMailSender;

import java.util.ArrayList;
import java.util.List;

/** Records plain text mails instead of sending them. */
public final class RecordingTextMailSender implements TextMailSender {

    /** One recorded mail. */
    public record Mail(List<String> to, String subject, String text) {
        public Mail {
            to = List.copyOf(to);
        }
    }

    private final List<Mail> sent = new ArrayList<>();

    @Override
    public synchronized String send(List<String> to, String subject, String text) {
        sent.add(new Mail(to, subject, text));
        return "<text-" + sent.size() + "@avalon.test>";
    }

    public synchronized List<Mail> sent() {
        return List.copyOf(sent);
    }
}
