package no.demohelse.video;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SOAP 1.1 envelopes for Demo Helse's older integrations: read safely (no DTD, so no entity expansion and no
 * external entities), written with the DOM so no text can break out of its element.
 */
final class Soap {

    static final String ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");
    static final int MAX_BYTES = 64 * 1024;

    private Soap() {
    }

    /** The envelope, or IllegalArgumentException for anything that is not a SOAP 1.1 envelope within the limit. */
    static Document parse(byte[] message) {
        if (message.length > MAX_BYTES) {
            throw new IllegalArgumentException("the message is larger than " + MAX_BYTES + " bytes");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fatal errors throw; nothing printed
            Document envelope = builder.parse(new ByteArrayInputStream(message));
            Element root = envelope.getDocumentElement();
            if (!ENVELOPE.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
                throw new IllegalArgumentException("not a SOAP 1.1 envelope");
            }
            return envelope;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML", e);
        }
    }

    /** The first child element with this name, or null (also when {@code parent} is null). */
    static Element child(Node parent, String namespace, String localName) {
        for (Node node = parent == null ? null : parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    static Element header(Document envelope) {
        return child(envelope.getDocumentElement(), ENVELOPE, "Header");
    }

    static Element body(Document envelope) {
        return child(envelope.getDocumentElement(), ENVELOPE, "Body");
    }

    /** A new envelope with an empty body. */
    static Document envelope() {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element envelope = document.createElementNS(ENVELOPE, "soap:Envelope");
            envelope.appendChild(document.createElementNS(ENVELOPE, "soap:Body"));
            document.appendChild(envelope);
            return document;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fault (SOAP 1.1 §4.4). {@code code} is a qualified name: {@code soap:Client}, or one of WS-Security 1.1's
     * §12 codes with the {@code wsse} prefix. SOAP 1.1 §6.2 answers every fault with HTTP 500.
     */
    static ResponseEntity<String> fault(String code, String text) {
        Document document = envelope();
        Element fault = document.createElementNS(ENVELOPE, "soap:Fault");
        fault.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:wsse", WsSecurityToken.WSSE);
        fault.appendChild(document.createElementNS(null, "faultcode")).setTextContent(code);
        fault.appendChild(document.createElementNS(null, "faultstring")).setTextContent(text);
        body(document).appendChild(fault);
        return ResponseEntity.internalServerError().contentType(XML).body(text(document));
    }

    static ResponseEntity<String> ok(Document envelope) {
        return ResponseEntity.ok().contentType(XML).body(text(envelope));
    }

    private static String text(Document document) {
        try {
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
