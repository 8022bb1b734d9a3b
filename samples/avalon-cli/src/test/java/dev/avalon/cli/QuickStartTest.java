package dev.avalon.cli;

import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.git.GitBrainStore;
import dev.avalon.ics.Ical4jInviteRenderer;
import dev.avalon.mail.EmlDirectoryMailSender;
import dev.avalon.xlsx.XlsxSheetRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The README's quick start works as it stands")
class QuickStartTest {

    @Test
    @DisplayName("a user patch proposed, approved and committed on a new git brain, with every optional port wired")
    void quickStart(@TempDir Path dir) {
        Path brain = dir.resolve("my-brain");
        String sha;
        // the README's code, with its folders moved into the test's temporary folder
        Clock clock = Clock.systemUTC();
        try (Avalon avalon = Avalon.builder()
                .brain(GitBrainStore.open(brain))
                .clock(clock)
                .alerts(alert -> System.err.println(alert))
                .port(SheetRenderer.class, new XlsxSheetRenderer())
                .port(InviteRenderer.class, new Ical4jInviteRenderer())
                .port(MailSender.class, new EmlDirectoryMailSender(dir.resolve("my-brain-mail"), clock))
                .build()) {
            ActionResult proposed = avalon.dispatch("""
                {"action":"behaviour.propose_patch","data":{"patch":{"id":"USR-1","type":"PATCH",
                 "path":"reminderEscalationRules.threshold","before":3,"after":2,
                 "rationale":"Eerder een duwtje.","riskLevel":"LOW","source":"USER"}}}""");
            String question = proposed.toJson().at("/ask/0/id").asText();
            ActionResult applied = avalon.dispatch(
                "{\"action\":\"question.answer\",\"data\":{\"id\":\"" + question + "\",\"answer\":\"JA\"}}");
            String consent = applied.toJson().at("/ask/0/id").asText();
            ActionResult committed = avalon.dispatch(
                "{\"action\":\"question.answer\",\"data\":{\"id\":\"" + consent + "\",\"answer\":\"JA\"}}");
            sha = committed.toJson().at("/data/commitSha").asText();
        }
        assertThat(sha).matches("[0-9a-f]{40}");
        try (GitBrainStore store = GitBrainStore.open(brain)) {
            assertThat(store.head()).hasValueSatisfying(head -> assertThat(head.sha()).isEqualTo(sha));
        }
    }
}
