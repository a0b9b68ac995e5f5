package no.portvakt.server.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import no.portvakt.ui.error.OAuthErrorPage;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * No text Portvakt accepts may hold a NUL character: no rule wants one, and PostgreSQL refuses it in every text
 * column, so a NUL that got through would end as a failed statement (a 500) wherever the text is first looked up.
 * Refused here, once, before any endpoint reads the request: in a query or form parameter, in HTTP Basic's
 * credentials, and in a JSON body's names and strings. A form too large to read is refused here too (413), so that
 * no endpoint meets it half-read.
 */
final class NulCharacterFilter extends OncePerRequestFilter {

    private static final JsonFactory JSON = new JsonFactory();

    private final int jsonBodyLimit;

    NulCharacterFilter(int jsonBodyLimit) {
        this.jsonBodyLimit = jsonBodyLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked = request;
        if (isJson(request)) {
            byte[] body = request.getInputStream().readNBytes(jsonBodyLimit + 1);
            if (body.length > jsonBodyLimit) {
                refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        "The JSON body is larger than " + jsonBodyLimit + " bytes");
                return;
            }
            if (nulInJson(body)) {
                refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "A NUL character is not allowed");
                return;
            }
            checked = new ReadBody(request, body);
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (InvalidParameterException e) {
            refuse(request, response, e.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                    ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST,
                    "The request's parameters could not be read");
            return;
        }
        if (nulIn(parameters) || nulInBasic(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "A NUL character is not allowed");
            return;
        }
        chain.doFilter(checked, response);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return media.isCompatibleWith(MediaType.APPLICATION_JSON) || media.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean nulIn(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** HTTP Basic's credentials, decoded as the client authentication will decode them (RFC 7617 §2). */
    private static boolean nulInBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8)
                    .indexOf('\0') >= 0;
        } catch (IllegalArgumentException e) {
            return false; // not Base64: client authentication refuses it as it stands
        }
    }

    /** Whether a name or string of the document holds a NUL; a malformed document is left to its endpoint. */
    private static boolean nulInJson(byte[] body) {
        try (JsonParser parser = JSON.createParser(tools.jackson.core.ObjectReadContext.empty(), body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME)
                        && parser.getString().indexOf('\0') >= 0) {
                    return true;
                }
            }
            return false;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status,
                               String description) throws IOException {
        OAuthErrorPage.remember(request, "invalid_request", description);
        response.sendError(status);
    }

    /** The request with its JSON body already read, handed on to be read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
