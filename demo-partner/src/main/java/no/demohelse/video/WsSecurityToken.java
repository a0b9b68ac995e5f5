package no.demohelse.video;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Portvakt's token in a SOAP call, for Spring Security's resource server: the compact JWT in the WS-Security
 * header's binary security token (docs/partner-guide.md, "The same token in SOAP"). The envelope is read once and
 * kept on the request for the endpoint.
 */
final class WsSecurityToken implements BearerTokenResolver {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String ENVELOPE_ATTRIBUTE = WsSecurityToken.class.getName() + ".envelope";

    @Override
    public String resolve(HttpServletRequest request) {
        // Spring Security may ask more than once; the body can be read only once.
        Document envelope = request.getAttribute(ENVELOPE_ATTRIBUTE) instanceof Document read ? read : read(request);
        try {
            return jwt(envelope);
        } catch (IllegalArgumentException e) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(e.getMessage()));
        }
    }

    private static Document read(HttpServletRequest request) {
        try {
            Document envelope = Soap.parse(request.getInputStream().readNBytes(Soap.MAX_BYTES + 1));
            request.setAttribute(ENVELOPE_ATTRIBUTE, envelope);
            return envelope;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(e.getMessage()));
        }
    }

    /** The JWT of a SOAP envelope's WS-Security header, or null if it carries none. */
    static String jwt(Document envelope) {
        Element security = Soap.child(Soap.header(envelope), WSSE, "Security");
        Element token = Soap.child(security, WSSE, "BinarySecurityToken");
        if (token == null || !"urn:ietf:params:oauth:token-type:jwt".equals(token.getAttribute("ValueType"))) {
            return null;
        }
        // WS-Security 1.1 §6.3: the content is base64 (the default EncodingType) of the token's octets.
        String encoding = token.getAttribute("EncodingType");
        if (!encoding.isEmpty() && !encoding.endsWith("#Base64Binary")) {
            throw new IllegalArgumentException("EncodingType must be Base64Binary");
        }
        byte[] jwt = Base64.getDecoder().decode(token.getTextContent().replaceAll("\\s", ""));
        return new String(jwt, StandardCharsets.US_ASCII);
    }
}
