package no.demohelse.video;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The SOAP service's refusals as SOAP faults with WS-Security 1.1's fault codes (§12), not JSON or HTML. */
final class SoapFaults implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        if (!(refused instanceof OAuth2AuthenticationException oauth)) {
            send(response, Soap.fault("wsse:InvalidSecurity", "The WS-Security header carries no token"));
        } else if (OAuth2ErrorCodes.INVALID_REQUEST.equals(oauth.getError().getErrorCode())) {
            send(response, Soap.fault("soap:Client", "Not a SOAP 1.1 envelope: " + oauth.getError().getDescription()));
        } else {
            send(response, Soap.fault("wsse:InvalidSecurityToken", "An invalid security token was provided"));
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        send(response, Soap.fault("wsse:FailedAuthentication",
                "The security token could not be authorized: it lacks this service's scope"));
    }

    private static void send(HttpServletResponse response, ResponseEntity<String> fault) throws IOException {
        response.setStatus(fault.getStatusCode().value());
        response.setHeader(HttpHeaders.CONTENT_TYPE, Soap.XML.toString());
        response.getWriter().write(fault.getBody());
    }
}
