package dev.avalon.xlsx.internal;

import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickMark;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTCatAx;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTDLbls;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTMarker;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTNumFmt;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTValAx;
import org.openxmlformats.schemas.drawingml.x2006.chart.STDLblPos;

/**
 * How the charts look, spelled out in the chart XML itself.
 *
 * <p>POI writes series without shape properties and a workbook without a theme, leaving the look to
 * the reader's defaults. Excel then uses its built-in palette; LibreOffice (7.4) imports such series
 * with no stroke and no fill, so lines are missing, bars invisible and the markers all one colour. So every series gets its own explicit colour, line and fill, every axis an explicit number
 * format (not linked to the source cells, whose formats LibreOffice and Excel resolve differently),
 * and the sheet a print setup that keeps the chart on one page width.
 */
final class ChartStyle {

    /** The colours used; blue and orange are told apart in print, on screen and by the colour-blind. */
    enum Colour {
        BLUE(0x2E, 0x75, 0xB6), ORANGE(0xED, 0x7D, 0x31), GRID(0xD9, 0xD9, 0xD9), AXIS(0x80, 0x80, 0x80);

        private final byte[] rgb;

        Colour(int red, int green, int blue) {
            this.rgb = new byte[] {(byte) red, (byte) green, (byte) blue};
        }

        /** A fresh sRGB colour ({@code a:srgbClr}) for each use, so no two elements share one. */
        XDDFColor xddf() {
            return XDDFColor.from(rgb.clone());
        }
    }

    private static final double LINE_POINTS = 2.25;
    private static final double THIN_POINTS = 0.75;

    private ChartStyle() {
    }

    /** No rounded corners: absent, Excel and LibreOffice disagree on the default. */
    static void frame(XSSFChart chart) {
        chart.getCTChartSpace().addNewRoundedCorners().setVal(false);
    }

    /** A solid line of the colour with markers filled in the same colour. */
    static void line(XDDFLineChartData.Series series, Colour colour, MarkerStyle marker) {
        XDDFShapeProperties shape = new XDDFShapeProperties();
        shape.setLineProperties(stroke(colour, LINE_POINTS));
        series.setShapeProperties(shape);
        series.setSmooth(false);
        series.setMarkerStyle(marker);
        XDDFShapeProperties dot = new XDDFShapeProperties();
        dot.setFillProperties(solid(colour));
        dot.setLineProperties(stroke(colour, THIN_POINTS));
        CTMarker ctMarker = series.getCTLineSer().getMarker();
        ctMarker.setSpPr(dot.getXmlObject());
    }

    /** Solid bars of the colour with an outline of the same colour; negative bars keep it. */
    static void bars(XDDFBarChartData.Series series, Colour colour) {
        XDDFShapeProperties shape = new XDDFShapeProperties();
        shape.setFillProperties(solid(colour));
        shape.setLineProperties(stroke(colour, THIN_POINTS));
        series.setShapeProperties(shape);
        series.setInvertIfNegative(false);
    }

    /**
     * Each bar labelled with its value in the given format, outside the bar's end, so a small or
     * negative balance can be read without the table.
     */
    static void valueLabels(XDDFBarChartData.Series series, String format) {
        CTDLbls labels = series.getCTBarSer().addNewDLbls();
        CTNumFmt numFmt = labels.addNewNumFmt();
        numFmt.setFormatCode(format);
        numFmt.setSourceLinked(false);
        labels.addNewDLblPos().setVal(STDLblPos.OUT_END);
        labels.addNewShowLegendKey().setVal(false);
        labels.addNewShowVal().setVal(true);
        labels.addNewShowCatName().setVal(false);
        labels.addNewShowSerName().setVal(false);
        labels.addNewShowPercent().setVal(false);
        labels.addNewShowBubbleSize().setVal(false);
    }

    /** Labels outside, a visible axis line and the given number format. */
    static void categoryAxis(XDDFCategoryAxis axis, String format) {
        axis.getOrAddShapeProperties().setLineProperties(stroke(Colour.AXIS, THIN_POINTS));
        axis.setMajorTickMark(AxisTickMark.OUT);
        axis.setMinorTickMark(AxisTickMark.NONE);
        axis.setTickLabelPosition(AxisTickLabelPosition.NEXT_TO);
        if (format != null) {
            axis.setNumberFormat(format);
        }
    }

    /** Light horizontal gridlines, labels beside the axis in the given number format. */
    static void valueAxis(XDDFValueAxis axis, String format) {
        axis.getOrAddShapeProperties().setLineProperties(stroke(Colour.AXIS, THIN_POINTS));
        axis.getOrAddMajorGridProperties().setLineProperties(stroke(Colour.GRID, THIN_POINTS));
        axis.setMajorTickMark(AxisTickMark.OUT);
        axis.setMinorTickMark(AxisTickMark.NONE);
        axis.setTickLabelPosition(AxisTickLabelPosition.NEXT_TO);
        axis.setNumberFormat(format);
    }

    /** Landscape, one page wide: the table and the chart to its right print together. */
    static void printOnOnePageWidth(XSSFSheet sheet) {
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
    }

    /**
     * POI marks every axis number format as linked to the source cells, which tells readers to ignore
     * it; the formats given here are meant to be shown. Call after the axes are complete.
     */
    static void unlinkNumberFormats(XSSFChart chart) {
        CTPlotArea plot = chart.getCTChart().getPlotArea();
        for (CTValAx axis : plot.getValAxList()) {
            if (axis.isSetNumFmt()) {
                axis.getNumFmt().setSourceLinked(false);
            }
        }
        for (CTCatAx axis : plot.getCatAxList()) {
            if (axis.isSetNumFmt()) {
                axis.getNumFmt().setSourceLinked(false);
            }
        }
    }

    private static XDDFLineProperties stroke(Colour colour, double points) {
        XDDFLineProperties line = new XDDFLineProperties(solid(colour));
        line.setWidth(points);
        return line;
    }

    private static XDDFSolidFillProperties solid(Colour colour) {
        return new XDDFSolidFillProperties(colour.xddf());
    }
}
