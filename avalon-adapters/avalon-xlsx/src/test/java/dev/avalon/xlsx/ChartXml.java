package dev.avalon.xlsx;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.w3c.dom.Element;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on the first chart part of a workbook, made on its XML as any reader sees it. */
final class ChartXml {

    private static final String PART = "xl/charts/chart1.xml";

    private ChartXml() {
    }

    private static Element plotArea(OoxmlParts parts) {
        Element chart = OoxmlParts.child(parts.xml(PART).getDocumentElement(), OoxmlParts.CHART, "chart");
        return OoxmlParts.child(chart, OoxmlParts.CHART, "plotArea");
    }

    /** The chart-type element ({@code lineChart}, {@code barChart}) in the plot area. */
    static Element plot(OoxmlParts parts, String type) {
        return OoxmlParts.child(plotArea(parts), OoxmlParts.CHART, type);
    }

    /** The RGB of the solid fill directly inside a shape or line properties element. */
    static String solidColour(Element properties) {
        Element fill = OoxmlParts.child(properties, OoxmlParts.DRAWING, "solidFill");
        return OoxmlParts.child(fill, OoxmlParts.DRAWING, "srgbClr").getAttribute("val");
    }

    /** A series' {@code cat} or {@code val} reference names {@code count} cells, each a number cell. */
    static void expectNumericCells(OoxmlParts parts, String sheetPart, Element series, String which, int count) {
        Element ref = OoxmlParts.child(OoxmlParts.child(series, OoxmlParts.CHART, which), OoxmlParts.CHART, "numRef");
        String formula = OoxmlParts.child(ref, OoxmlParts.CHART, "f").getTextContent();
        CellReference[] cells = new AreaReference(formula, SpreadsheetVersion.EXCEL2007).getAllReferencedCells();
        assertThat(cells).as(formula).hasSize(count);
        Map<String, Element> sheet = parts.cells(sheetPart);
        for (CellReference cell : cells) {
            String name = new CellReference(cell.getRow(), cell.getCol()).formatAsString();
            Element c = sheet.get(name);
            assertThat(c).as(formula + " cell " + name).isNotNull();
            assertThat(c.getAttribute("t")).as("type of " + name).isIn("", "n");
            assertThat(Double.parseDouble(OoxmlParts.value(c))).isFinite();
        }
    }

    /** The value axis is shown, has tick labels and a number format of its own, not linked to the cells. */
    static void expectReadableValueAxis(OoxmlParts parts, String format) {
        Element axis = OoxmlParts.child(plotArea(parts), OoxmlParts.CHART, "valAx");
        assertThat(OoxmlParts.chartVal(axis, "delete")).isIn("0", "false");
        assertThat(OoxmlParts.chartVal(axis, "tickLblPos")).isNotEqualTo("none");
        Element numFmt = OoxmlParts.child(axis, OoxmlParts.CHART, "numFmt");
        assertThat(numFmt.getAttribute("formatCode")).isEqualTo(format);
        assertThat(numFmt.getAttribute("sourceLinked")).isIn("0", "false");
    }
}
