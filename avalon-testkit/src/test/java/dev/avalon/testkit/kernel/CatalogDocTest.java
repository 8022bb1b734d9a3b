package dev.avalon.testkit.kernel;

import dev.avalon.core.action.CatalogMarkdown;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("docs/ACTIONS.md is true to the code")
class CatalogDocTest {

    @Test
    @DisplayName("the checked-in catalogue document equals the one generated from the registered actions")
    void docMatchesCatalogue() throws IOException {
        Path doc = Path.of("..", "docs", "ACTIONS.md");
        String generated;
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            generated = CatalogMarkdown.render(h.avalon().catalog());
        }
        if (Boolean.getBoolean("avalon.docs.write")) {
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("run the tests once with -Davalon.docs.write=true to regenerate docs/ACTIONS.md")
                .isEqualTo(generated);
    }

    @Test
    @DisplayName("the checked-in event catalogue equals the one generated from EventCatalog")
    void eventsDocMatchesCatalogue() throws IOException {
        Path doc = Path.of("..", "docs", "EVENTS.md");
        String generated = dev.avalon.core.event.EventCatalogMarkdown.render();
        if (Boolean.getBoolean("avalon.docs.write")) {
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
                .as("run the tests once with -Davalon.docs.write=true to regenerate docs/EVENTS.md")
                .isEqualTo(generated);
    }
}
