package dev.avalon.xlsx;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An xlsx read without POI: the zip through the JDK, the parts through the JDK's XML parser. Used to
 * check that what POI wrote is what any other reader sees, and to tamper with single parts.
 */
final class OoxmlParts {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    static final String DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main";

    final Map<String, byte[]> parts = new LinkedHashMap<>();
    final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    OoxmlParts(byte[] xlsx) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), e);
                parts.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String part) {
        byte[] bytes = parts.get(part);
        if (bytes == null) {
            throw new AssertionError("no part " + part + " in " + parts.keySet());
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    Document xml(String part) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(parts.get(part)));
        } catch (Exception e) {
            throw new AssertionError("part " + part + " is not well-formed XML", e);
        }
    }

    /** The shared strings in index order, each the concatenation of its text nodes. */
    List<String> sharedStrings() {
        List<String> out = new ArrayList<>();
        NodeList items = xml("xl/sharedStrings.xml").getElementsByTagNameNS(MAIN, "si");
        for (int i = 0; i < items.getLength(); i++) {
            StringBuilder text = new StringBuilder();
            NodeList ts = ((Element) items.item(i)).getElementsByTagNameNS(MAIN, "t");
            for (int j = 0; j < ts.getLength(); j++) {
                text.append(ts.item(j).getTextContent());
            }
            out.add(text.toString());
        }
        return out;
    }

    /** The cells of a worksheet part by reference (A1), as the raw {@code <c>} elements. */
    Map<String, Element> cells(String part) {
        Map<String, Element> out = new LinkedHashMap<>();
        NodeList cs = xml(part).getElementsByTagNameNS(MAIN, "c");
        for (int i = 0; i < cs.getLength(); i++) {
            Element c = (Element) cs.item(i);
            out.put(c.getAttribute("r"), c);
        }
        return out;
    }

    static String value(Element cell) {
        NodeList v = cell.getElementsByTagNameNS(MAIN, "v");
        return v.getLength() == 0 ? null : v.item(0).getTextContent();
    }

    /** The direct children of an element with the namespace and local name, in document order. */
    static List<Element> children(Element parent, String namespace, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The only direct child with the namespace and local name; fails when there is none or more. */
    static Element child(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + name + "> in <" + parent.getTagName() + ">, found " + found.size());
        }
        return found.get(0);
    }

    /** The {@code val} attribute of the only direct child with the local name in the chart namespace. */
    static String chartVal(Element parent, String name) {
        return child(parent, CHART, name).getAttribute("val");
    }

    /** The same zip with one part replaced. */
    byte[] with(String part, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getKey().equals(part) ? content.getBytes(StandardCharsets.UTF_8) : e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
