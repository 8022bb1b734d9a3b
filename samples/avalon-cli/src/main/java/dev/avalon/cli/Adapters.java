package dev.avalon.cli;

import dev.avalon.cel.CelConditionLanguage;
import dev.avalon.core.Avalon;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.ics.Ical4jInviteRenderer;
import dev.avalon.mustache.MustacheMessageTemplates;
import dev.avalon.xlsx.XlsxSheetRenderer;

import java.util.Objects;
import java.util.Optional;

/**
 * The adapters a command wires into Avalon: the XLSX sheets, ical4j invites, CEL conditions and
 * Mustache templates always, the chosen mail sender, and a remote calendar when one is configured.
 *
 * @param mail   where invitations go
 * @param remote the remote calendar, or {@code null} when the calendar lives in the brain alone
 */
record Adapters(MailSender mail, RemoteCalendar remote) {

    Adapters {
        Objects.requireNonNull(mail, "mail");
    }

    Optional<RemoteCalendar> remoteCalendar() {
        return Optional.ofNullable(remote);
    }

    /** Wires every port on {@code builder}. */
    Avalon.Builder wire(Avalon.Builder builder) {
        builder.port(SheetRenderer.class, new XlsxSheetRenderer())
                .port(InviteRenderer.class, new Ical4jInviteRenderer())
                .port(MailSender.class, mail)
                .port(ConditionLanguage.class, new CelConditionLanguage())
                .port(MessageTemplates.class, new MustacheMessageTemplates());
        if (remote != null) {
            builder.port(RemoteCalendar.class, remote);
        }
        return builder;
    }
}
