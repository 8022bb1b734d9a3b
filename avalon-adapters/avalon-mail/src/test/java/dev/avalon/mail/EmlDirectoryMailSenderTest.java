package dev.avalon.mail;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.contract.MailSenderContract;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("EmlDirectoryMailSender keeps the MailSender contract, one .eml file per message")
class EmlDirectoryMailSenderTest extends MailSenderContract {

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");

    /** Moves on a second per reading, so each message of a test has its own time. */
    private final Clock ticking = new Clock() {
        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return clock.plus(Duration.ofSeconds(1)).instant();
        }
    };

    private Path folder() {
        return root.resolve("mail");
    }

    @Override
    protected MailSender sender() {
        return new EmlDirectoryMailSender(folder(), ticking);
    }

    @Override
    protected List<DeliveredInvite> delivered() {
        return Received.distinct(files().stream().map(EmlDirectoryMailSenderTest::message).toList());
    }

    private List<Path> files() {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder())) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimeMessage message(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (Exception e) {
            throw new AssertionError("not a MIME message: " + file, e);
        }
    }

    @Test
    @DisplayName("Files are named <UTC time>-<uid made file-safe>-<method>.eml and no temporary file is left")
    void fileNames() {
        InviteMail mail = new InviteMail("organizer@example.org", List.of("bob@example.org"), "Invitation", "text",
                render(new dev.avalon.core.port.InviteRequest(InviteMethod.CANCEL, "a/b c@x", 1,
                        Instant.parse("2026-11-23T07:00:00Z"), "organizer@example.org", List.of("bob@example.org"),
                        "t", "", "", invite(InviteMethod.REQUEST, 0, "t").start(), invite(InviteMethod.REQUEST, 0, "t").end(),
                        null, null)));

        sender().send(mail);

        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactly("20261123T070001000Z-a_b_c_x-CANCEL.eml");
    }

    @Test
    @DisplayName("A second message at the same time for the same uid and method gets its own file, nothing is overwritten")
    void sameNameTwice() {
        MailSender sender = new EmlDirectoryMailSender(folder(), clock);

        sender.send(mail(invite(InviteMethod.REQUEST, 0, "Planning"), "Invitation", "first"));
        sender.send(mail(invite(InviteMethod.REQUEST, 1, "Planning"), "Updated", "second"));

        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("20261123T070000000Z-evt-42_avalon.test-REQUEST.eml",
                        "20261123T070000000Z-evt-42_avalon.test-REQUEST-2.eml");
        assertThat(delivered()).extracting(DeliveredInvite::text).containsExactlyInAnyOrder("first", "second");
    }
}
