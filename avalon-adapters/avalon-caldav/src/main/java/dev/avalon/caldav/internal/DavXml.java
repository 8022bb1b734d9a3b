package dev.avalon.caldav.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The WebDAV and CalDAV XML this adapter sends and reads, built and read as namespace-aware DOM trees:
 * {@code sync-collection} (RFC 6578), {@code calendar-multiget} and {@code calendar-query} (RFC 4791) and the
 * {@code multistatus} answers. The parser refuses document type declarations, so an answer cannot make it
 * read files or expand entities.
 */
public final class DavXml {

    /** The WebDAV namespace. */
    public static final String DAV = "DAV:";
    /** The CalDAV namespace. */
    public static final String CALDAV = "urn:ietf:params:xml:ns:caldav";

    private static final DateTimeFormatter UTC_BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DocumentBuilderFactory factory;
    private final TransformerFactory transformers = TransformerFactory.newInstance();

    public DavXml() {
        factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser does not take the secure settings", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    }

    /** {@code sync-collection} at level 1 for the ETags of what changed since {@code token} (empty: everything). */
    public String syncCollection(Optional<String> token) {
        Document doc = newDocument();
        Element root = root(doc, DAV, "D:sync-collection");
        Element syncToken = child(root, DAV, "D:sync-token");
        token.ifPresent(syncToken::setTextContent);
        child(root, DAV, "D:sync-level").setTextContent("1");
        child(child(root, DAV, "D:prop"), DAV, "D:getetag");
        return write(doc);
    }

    /** {@code calendar-multiget} of the ETag and calendar data of each of {@code hrefs}. */
    public String multiget(Collection<String> hrefs) {
        Document doc = newDocument();
        Element root = root(doc, CALDAV, "C:calendar-multiget");
        Element prop = child(root, DAV, "D:prop");
        child(prop, DAV, "D:getetag");
        child(prop, CALDAV, "C:calendar-data");
        for (String href : hrefs) {
            child(root, DAV, "D:href").setTextContent(href);
        }
        return write(doc);
    }

    /**
     * {@code calendar-query} for the ETag and data of every event resource with a time in
     * {@code [from, to)} (RFC 4791 §9.9, so a series is found by any of its occurrences).
     */
    public String eventsBetween(Instant from, Instant to) {
        Document doc = newDocument();
        Element root = root(doc, CALDAV, "C:calendar-query");
        Element prop = child(root, DAV, "D:prop");
        child(prop, DAV, "D:getetag");
        child(prop, CALDAV, "C:calendar-data");
        Element calendar = child(child(root, CALDAV, "C:filter"), CALDAV, "C:comp-filter");
        calendar.setAttribute("name", "VCALENDAR");
        Element event = child(calendar, CALDAV, "C:comp-filter");
        event.setAttribute("name", "VEVENT");
        Element range = child(event, CALDAV, "C:time-range");
        range.setAttribute("start", UTC_BASIC.format(from));
        range.setAttribute("end", UTC_BASIC.format(to));
        return write(doc);
    }

    /**
     * {@code calendar-query} for the ETag and data of every event resource with a recurrence rule, whatever its
     * times: a window's second query, for servers whose time-range filter looks at a series' first occurrence
     * only (Xandikos 0.2.8).
     */
    public String recurringEvents() {
        Document doc = newDocument();
        Element root = root(doc, CALDAV, "C:calendar-query");
        Element prop = child(root, DAV, "D:prop");
        child(prop, DAV, "D:getetag");
        child(prop, CALDAV, "C:calendar-data");
        Element calendar = child(child(root, CALDAV, "C:filter"), CALDAV, "C:comp-filter");
        calendar.setAttribute("name", "VCALENDAR");
        Element event = child(calendar, CALDAV, "C:comp-filter");
        event.setAttribute("name", "VEVENT");
        child(event, CALDAV, "C:prop-filter").setAttribute("name", "RRULE");
        return write(doc);
    }

    /** {@code mkcalendar} naming the new calendar {@code displayName}, for VEVENTs. */
    public String mkcalendar(String displayName) {
        Document doc = newDocument();
        Element root = root(doc, CALDAV, "C:mkcalendar");
        Element prop = child(child(root, DAV, "D:set"), DAV, "D:prop");
        child(prop, DAV, "D:displayname").setTextContent(displayName);
        Element components = child(prop, CALDAV, "C:supported-calendar-component-set");
        child(components, CALDAV, "C:comp").setAttribute("name", "VEVENT");
        return write(doc);
    }

    /**
     * One {@code DAV:response} of a multistatus.
     *
     * @param href         as the server wrote it (a path, possibly percent-encoded)
     * @param status       the response's own status code (a deleted member in a sync answer: 404), or the status
     *                     of the propstat that carried the properties, or 0 when neither is given
     * @param etag         {@code getetag}, or {@code null}
     * @param calendarData {@code calendar-data}, or {@code null}
     */
    public record Response(String href, int status, String etag, String calendarData) {
    }

    /**
     * A {@code DAV:multistatus}.
     *
     * @param responses every response in document order
     * @param syncToken the {@code sync-token} of a sync answer, or {@code null}
     */
    public record MultiStatus(List<Response> responses, String syncToken) {
    }

    /** Reads a multistatus answer. */
    public MultiStatus multiStatus(String body) {
        Element root = parse(body).getDocumentElement();
        if (!DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
            throw new IllegalArgumentException("not a DAV:multistatus but " + root.getNodeName());
        }
        List<Response> responses = new ArrayList<>();
        String token = null;
        for (Element child : children(root)) {
            if (is(child, DAV, "sync-token")) {
                token = child.getTextContent().trim();
            } else if (is(child, DAV, "response")) {
                responses.add(response(child));
            }
        }
        return new MultiStatus(responses, token);
    }

    /**
     * Whether {@code body} is a WebDAV {@code DAV:error} naming the precondition {@code namespace}/{@code name}
     * (RFC 4918 §16), e.g. {@code DAV:valid-sync-token}. A body that is no such XML names none.
     */
    public boolean namesPrecondition(String body, String namespace, String name) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            Element root = parse(body).getDocumentElement();
            return is(root, DAV, "error") && root.getElementsByTagNameNS(namespace, name).getLength() > 0;
        } catch (IllegalArgumentException notXml) {
            return false;
        }
    }

    private Response response(Element response) {
        String href = null;
        int status = 0;
        int propStatus = 0;
        String etag = null;
        String data = null;
        for (Element part : children(response)) {
            if (is(part, DAV, "href") && href == null) {
                href = part.getTextContent().trim();
            } else if (is(part, DAV, "status")) {
                status = statusCode(part.getTextContent());
            } else if (is(part, DAV, "propstat")) {
                int code = 0;
                Element prop = null;
                for (Element p : children(part)) {
                    if (is(p, DAV, "status")) {
                        code = statusCode(p.getTextContent());
                    } else if (is(p, DAV, "prop")) {
                        prop = p;
                    }
                }
                if (prop == null || (code != 0 && (code < 200 || code > 299))) {
                    continue;
                }
                propStatus = code == 0 ? 200 : code;
                for (Element value : children(prop)) {
                    if (is(value, DAV, "getetag")) {
                        etag = value.getTextContent().trim();
                    } else if (is(value, CALDAV, "calendar-data")) {
                        data = value.getTextContent();
                    }
                }
            }
        }
        if (href == null) {
            throw new IllegalArgumentException("a DAV:response without DAV:href");
        }
        return new Response(href, status != 0 ? status : propStatus, etag == null || etag.isEmpty() ? null : etag,
                data);
    }

    /** The code of an HTTP status line such as {@code HTTP/1.1 404 Not Found}; 0 when it has none. */
    private static int statusCode(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Document parse(String body) {
        try {
            DocumentBuilder builder;
            // the JDK's factories are not thread-safe; the builders they make are used by one thread only
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(body)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private Document newDocument() {
        try {
            synchronized (factory) {
                return factory.newDocumentBuilder().newDocument();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element root(Document doc, String namespace, String qualifiedName) {
        Element root = doc.createElementNS(namespace, qualifiedName);
        // both prefixes declared once on the root, so children in either namespace need no declaration of their own
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:D", DAV);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:C", CALDAV);
        doc.appendChild(root);
        return root;
    }

    private static Element child(Element parent, String namespace, String qualifiedName) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
        parent.appendChild(child);
        return child;
    }

    private String write(Document doc) {
        try {
            Transformer transformer;
            synchronized (transformers) {
                transformer = transformers.newTransformer();
            }
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("a request document could not be written", e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static boolean is(Element element, String namespace, String localName) {
        return namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }
}
