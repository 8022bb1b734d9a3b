package dev.avalon.testkit.sheet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.contract.SheetRendererContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("InMemorySheetRenderer keeps the SheetRenderer contract")
class InMemorySheetRendererTest extends SheetRendererContract {

    @Override
    protected SheetRenderer newRenderer() {
        return new InMemorySheetRenderer();
    }

    @Test
    @DisplayName("a logbook whose summary no longer matches its rows is refused")
    void changedSummaryIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) Json.parse(renderer.logbook(SheetFixtures.logbookWeek()));
        ((ObjectNode) root.get("rows").get(0)).put("moveCount", 5);
        byte[] tampered = Json.pretty(root);
        assertThatThrownBy(() -> renderer.readLogbook(tampered))
                .isInstanceOf(SheetFormatException.class).hasMessageContaining("summary");
    }

    @Test
    @DisplayName("a finance sheet whose pot balance was changed is refused by the pot sum")
    void changedBalanceIsRefused() {
        String json = new String(renderer.finance(SheetFixtures.financeWeek()), StandardCharsets.UTF_8);
        String tampered = json.replace("\"337.65\"", "\"337.66\"");
        assertThat(tampered).isNotEqualTo(json);
        assertThatThrownBy(() -> renderer.readFinance(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SheetFormatException.class).hasMessageContaining("summary");
    }
}
