package no.portvakt.server.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.server.web.FormQuery;

/**
 * Sends a citizen who is not logged in to the login page, carrying the authorization request's {@code ui_locales}
 * and {@code login_hint} (OIDC Core §3.1.2.1), or a page's language choice ({@code lang}), so the page speaks the
 * asked language and preselects the citizen.
 */
public final class LoginEntryPoint extends LoginUrlAuthenticationEntryPoint {

    /** Reads a parameter of the authorization request, including one inside a pushed request. */
    public interface Parameters {
        String get(HttpServletRequest request, String name);
    }

    private final Parameters parameters;

    public LoginEntryPoint(Parameters parameters) {
        super("/login");
        this.parameters = parameters;
    }

    /** For the pages, where there is no authorization request: the query's own parameters. */
    public LoginEntryPoint() {
        this(HttpServletRequest::getParameter);
    }

    @Override
    protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
                                                     AuthenticationException exception) {
        String prompt = parameters.get(request, "prompt");
        boolean promptLogin = prompt != null && java.util.List.of(prompt.split(" ")).contains("login");
        return loginUrl(request, parameters, Assurance.lowestOf(parameters.get(request, "acr_values")),
                promptLogin);
    }

    /**
     * The login page for this request; {@code requiredAcr}, when set, is the lowest level the page offers, and
     * {@code promptLogin} asks the upstream login for a new login instead of its single sign-on.
     */
    public static String loginUrl(HttpServletRequest request, Parameters parameters, String requiredAcr,
                                  boolean promptLogin) {
        Map<String, String> query = new LinkedHashMap<>();
        copy(request, parameters, query, "lang");
        copy(request, parameters, query, "ui_locales");
        copy(request, parameters, query, "login_hint");
        if (requiredAcr != null) {
            query.put("acr_values", requiredAcr);
        }
        if (promptLogin) {
            query.put("prompt", "login");
        }
        return FormQuery.append(request.getContextPath() + "/login", query);
    }

    private static void copy(HttpServletRequest request, Parameters parameters, Map<String, String> query,
                             String name) {
        String value = parameters.get(request, name);
        if (value != null && !value.isBlank() && value.length() <= 200) {
            query.put(name, value);
        }
    }
}
