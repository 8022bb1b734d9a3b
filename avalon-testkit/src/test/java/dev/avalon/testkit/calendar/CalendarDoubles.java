package dev.avalon.testkit.calendar;

import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small test doubles of the invite ports. */
final class CalendarDoubles {

    private CalendarDoubles() {
    }

    /** Renders the request's fields as text lines; enough to see what would be sent. */
    static final class TextRenderer implements InviteRenderer {
        @Override
        public Invite render(InviteRequest r) {
            String text = "METHOD:" + r.method() + "\nUID:" + r.uid() + "\nSEQUENCE:" + r.sequence() + "\nSUMMARY:"
                    + r.summary() + "\nDTSTART:" + r.start() + "\nRRULE:" + r.rrule() + "\nRECURRENCE-ID:"
                    + r.recurrenceId() + "\nORGANIZER:" + r.organizer() + "\nATTENDEE:" + r.attendees() + "\n";
            return new Invite(r, text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public InviteRequest parse(byte[] icalendar) {
            throw new UnsupportedOperationException("the text renderer does not parse");
        }
    }

    /** Records what it sends; can be told to fail the next sends. */
    static final class RecordingMail implements MailSender {
        final List<InviteMail> sent = new ArrayList<>();
        int failuresLeft;
        boolean transientFailure = true;

        @Override
        public String send(InviteMail mail) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new MailDeliveryException("smtp down", transientFailure, null);
            }
            sent.add(mail);
            return "<m" + sent.size() + "@test>";
        }

        String lastText() {
            return sent.get(sent.size() - 1).invite().text();
        }
    }
}
