package dev.avalon.xlsx;

import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.contract.SheetRendererContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("XlsxSheetRenderer keeps the SheetRenderer contract")
class XlsxSheetRendererContractTest extends SheetRendererContract {

    @Override
    protected SheetRenderer newRenderer() {
        return new XlsxSheetRenderer();
    }
}
