package io.github.rcsoftphone.rc;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes the {@code <Msg><Hdr .../><Bdy .../></Msg>} XML with a hardened SAX parser: no DOCTYPE, no
 * external entities or DTDs, no XInclude, secure processing on, bounded input. SAX keeps attribute order.
 */
final class RcXml {

    /** Upper bound on the XML text (characters); real bodies are a few hundred. */
    static final int MAX_CHARS = 16 * 1024;

    private RcXml() {
    }

    static RcMessage parse(String xml) throws RcParseException {
        if (xml == null) {
            throw new RcParseException("no P-rc XML (null)");
        }
        if (xml.length() > MAX_CHARS) {
            throw new RcParseException("P-rc XML too long: " + xml.length() + " characters, limit " + MAX_CHARS);
        }
        Handler handler = new Handler();
        try {
            SAXParser parser = newParser();
            InputSource source = new InputSource(new StringReader(xml.strip()));
            parser.parse(source, handler);
        } catch (SAXParseException e) {
            throw new RcParseException("bad P-rc XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new RcParseException("bad P-rc XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new RcParseException("the XML parser cannot be hardened: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RcParseException("bad P-rc XML: " + e, e);
        }
        if (handler.hdr == null) {
            throw new RcParseException("P-rc XML has no <Hdr> element in <Msg>");
        }
        try {
            return new RcMessage(handler.hdr, handler.bdy == null ? Map.of() : handler.bdy);
        } catch (IllegalArgumentException e) {
            throw new RcParseException("bad P-rc XML: " + e.getMessage(), e);
        }
    }

    private static SAXParser newParser() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance(); // the JDK parser: no service look-up
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        SAXParser parser = factory.newSAXParser();
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return parser;
    }

    /** Collects the attributes of {@code Msg/Hdr} and {@code Msg/Bdy}; other elements are ignored. */
    private static final class Handler extends DefaultHandler {
        int depth;
        Map<String, String> hdr;
        Map<String, String> bdy;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            depth++;
            if (depth == 1 && !qName.equals("Msg")) {
                throw new SAXException("root element is <" + qName + ">, expected <Msg>");
            }
            if (depth == 2 && (qName.equals("Hdr") || qName.equals("Bdy"))) {
                if (qName.equals("Hdr") ? hdr != null : bdy != null) {
                    throw new SAXException("more than one <" + qName + "> in <Msg>");
                }
                Map<String, String> map = new LinkedHashMap<>();
                for (int i = 0; i < attributes.getLength(); i++) {
                    map.put(attributes.getQName(i), attributes.getValue(i));
                }
                if (qName.equals("Hdr")) {
                    hdr = map;
                } else {
                    bdy = map;
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
        }

        @Override
        public void warning(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /** {@code <Msg><Hdr a="v"/><Bdy b="w"/></Msg>}, attributes in order and escaped. */
    static String write(Map<String, String> hdr, Map<String, String> bdy) {
        StringBuilder sb = new StringBuilder(256).append("<Msg>");
        element(sb, "Hdr", hdr);
        element(sb, "Bdy", bdy);
        return sb.append("</Msg>").toString();
    }

    private static void element(StringBuilder sb, String name, Map<String, String> attributes) {
        sb.append('<').append(name);
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            sb.append(' ').append(e.getKey()).append("=\"");
            escape(sb, e.getValue());
            sb.append('"');
        }
        sb.append("/>");
    }

    /** Escapes an attribute value; characters XML 1.0 cannot carry become U+FFFD. */
    static void escape(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        sb.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** True for an XML name this writer accepts: a letter or underscore, then letters, digits, {@code _ - .}. */
    static boolean isName(String s) {
        if (s == null || s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
