package dev.sluice.dataverse.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
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
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's XML parser and serialiser, hardened for text from users and services: a DOCTYPE is refused outright (so
 * no entity is ever expanded and nothing external is read), external DTDs and schemas are never fetched, XInclude is
 * off and secure processing limits apply. Thread-safe.
 */
public final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = factory();
    private static final TransformerFactory TRANSFORMERS = transformers();

    private SafeXml() {}

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static TransformerFactory transformers() {
        TransformerFactory f = TransformerFactory.newInstance();
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return f;
    }

    /** Parses {@code text}; INVALID_INPUT naming {@code what}, the line and the column when it is not well-formed. */
    public static Document parse(String text, String what) {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // nothing to warn about
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return b.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            String why = e.getMessage() == null ? "it is not well-formed" : e.getMessage();
            if (why.contains("DOCTYPE")) {
                why = "a DOCTYPE declaration is not allowed";
            }
            throw new SluiceException(ErrorKind.INVALID_INPUT, what + " is not valid XML at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + why);
        } catch (SAXException | IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, what + " is not valid XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as text, without an XML declaration. */
    public static String write(Document doc) {
        try {
            Transformer t;
            synchronized (TRANSFORMERS) {
                t = TRANSFORMERS.newTransformer();
            }
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }
}
