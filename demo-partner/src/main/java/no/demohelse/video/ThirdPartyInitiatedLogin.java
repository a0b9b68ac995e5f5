package no.demohelse.video;

import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The partner's {@code initiate_login_uri} (OIDC Core §4): the portal sends the citizen here with {@code iss},
 * {@code login_hint} and {@code target_link_uri}. The login starts only for the known issuer (Portvakt), and the
 * citizen lands only on a page of this app (never an open redirect); then an ordinary code flow follows, which
 * Portvakt answers from the citizen's session without a new login.
 */
@Controller
class ThirdPartyInitiatedLogin {

    static final String PATH = "/login/portvakt/initiate";
    private static final String LOGIN_HINT = ThirdPartyInitiatedLogin.class.getName() + ".loginHint";

    private final String issuer;
    private final String ownUrl;

    ThirdPartyInitiatedLogin(@Value("${demo.portvakt-issuer}") String issuer, @Value("${demo.url}") String ownUrl) {
        this.issuer = issuer;
        this.ownUrl = ownUrl;
    }

    @RequestMapping(value = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    String initiate(@RequestParam String iss, @RequestParam(name = "login_hint", required = false) String loginHint,
                    @RequestParam(name = "target_link_uri", required = false) String target, HttpSession session) {
        if (!issuer.equals(iss)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown issuer");
        }
        if (loginHint != null && loginHint.length() <= 200) {
            session.setAttribute(LOGIN_HINT, loginHint);
        }
        session.setAttribute(AfterLogin.TARGET, ownPage(target));
        return "redirect:/oauth2/authorization/portvakt";
    }

    /** The login_hint for the authorization request, used once. */
    static Optional<String> takeLoginHint(HttpSession session) {
        Object hint = session.getAttribute(LOGIN_HINT);
        session.removeAttribute(LOGIN_HINT);
        return Optional.ofNullable((String) hint);
    }

    /** {@code target} when it is a page of this app, else the claims page. */
    private String ownPage(String target) {
        try {
            URI own = URI.create(ownUrl);
            URI uri = target == null ? null : new URI(target);
            if (uri != null && own.getScheme().equals(uri.getScheme()) && own.getAuthority().equals(uri.getAuthority())
                    && uri.getRawPath() != null && uri.getRawPath().startsWith("/")) {
                return uri.getRawPath();
            }
        } catch (java.net.URISyntaxException e) {
            // not a URI: not a page of this app
        }
        return AfterLogin.DEFAULT_TARGET;
    }
}
