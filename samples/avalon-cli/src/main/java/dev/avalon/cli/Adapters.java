package dev.avalon.cli;

import dev.avalon.cel.CelConditionLanguage;
import dev.avalon.core.Avalon;
import dev.avalon.core.port.BackupStore;
import dev.avalon.core.port.BrainArchive;
import dev.avalon.core.port.BrainRemote;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.port.TextMailSender;
import dev.avalon.core.port.WebhookSecrets;
import dev.avalon.core.port.WebhookSender;
import dev.avalon.ics.Ical4jInviteRenderer;
import dev.avalon.mustache.MustacheMessageTemplates;
import dev.avalon.xlsx.XlsxSheetRenderer;

import java.util.Objects;
import java.util.Optional;

/**
 * The adapters a command wires into Avalon: the XLSX sheets, ical4j invites, CEL conditions and
 * Mustache templates always, the chosen mail sender, a remote calendar when one is configured, the git
 * remote each commit is pushed to and the backup folder when they are given, and for automations the
 * text mail sender and the webhook secrets and sender when they are configured.
 *
 * @param mail        where invitations go
 * @param remote      the remote calendar, or {@code null} when the calendar lives in the brain alone
 * @param brainRemote the git remote, or {@code null} when the brain is not pushed
 * @param archive     bundles the brain for backups, or {@code null} without a backup folder
 * @param backups     the backup folder, or {@code null} when there is none
 * @param textMail    sends automations' EMAIL actions, or {@code null} when none is configured
 * @param webhooks    signs and posts automations' WEBHOOK actions, or {@code null} without outbound secrets
 * @param secrets     the secrets inbound webhooks are checked with, or {@code null} without a secrets file
 */
record Adapters(MailSender mail, RemoteCalendar remote, BrainRemote brainRemote, BrainArchive archive,
                BackupStore backups, TextMailSender textMail, WebhookSender webhooks, WebhookSecrets secrets) {

    Adapters {
        Objects.requireNonNull(mail, "mail");
    }

    /** Without the automations' mail and webhooks. */
    Adapters(MailSender mail, RemoteCalendar remote, BrainRemote brainRemote, BrainArchive archive,
             BackupStore backups) {
        this(mail, remote, brainRemote, archive, backups, null, null, null);
    }

    /** Mail and a remote calendar only: no git remote, no backups. */
    Adapters(MailSender mail, RemoteCalendar remote) {
        this(mail, remote, null, null, null, null, null, null);
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
        if (brainRemote != null) {
            builder.port(BrainRemote.class, brainRemote);
        }
        if (archive != null && backups != null) {
            builder.port(BrainArchive.class, archive).port(BackupStore.class, backups);
        }
        if (textMail != null) {
            builder.port(TextMailSender.class, textMail);
        }
        if (webhooks != null) {
            builder.port(WebhookSender.class, webhooks);
        }
        if (secrets != null) {
            builder.port(WebhookSecrets.class, secrets);
        }
        return builder;
    }
}
