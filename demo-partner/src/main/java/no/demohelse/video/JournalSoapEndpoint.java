package no.demohelse.video;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Demo Helse's older SOAP service for the same journals: operation {@code HentJournal}, the token in the
 * WS-Security header ({@link WsSecurityToken}), checked exactly like the REST API's.
 */
@RestController
class JournalSoapEndpoint {

    static final String PATH = "/journal-soap";
    static final String NAMESPACE = "urn:demohelse:journal:1";

    private final Journals journals;

    JournalSoapEndpoint(Journals journals) {
        this.journals = journals;
    }

    @PostMapping(path = PATH, consumes = "text/xml")
    ResponseEntity<String> call(HttpServletRequest request, @AuthenticationPrincipal Jwt token) {
        Document envelope = (Document) request.getAttribute(WsSecurityToken.ENVELOPE_ATTRIBUTE);
        if (Soap.child(Soap.body(envelope), NAMESPACE, "HentJournal") == null) {
            return Soap.fault("soap:Client", "The body holds no operation of this service (HentJournal)");
        }
        String pid = Journals.whose(token);
        if (pid == null) {
            return Soap.fault("wsse:FailedAuthentication", "The security token names no citizen");
        }
        Document answer = Soap.envelope();
        Element journal = answer.createElementNS(NAMESPACE, "j:HentJournalResponse");
        journal.appendChild(answer.createElementNS(NAMESPACE, "j:pid")).setTextContent(pid);
        for (Map<String, Object> entry : journals.of(pid)) {
            journal.appendChild(answer.createElementNS(NAMESPACE, "j:entry")).setTextContent((String) entry.get("text"));
        }
        Soap.body(answer).appendChild(journal);
        return Soap.ok(answer);
    }
}
