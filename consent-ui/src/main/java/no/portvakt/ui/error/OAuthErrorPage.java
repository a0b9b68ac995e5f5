package no.portvakt.ui.error;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a browser-facing endpoint hands the error page when it must not redirect (an unknown client, an
 * unregistered redirect URI): the OAuth error code and description, kept as request attributes.
 */
public final class OAuthErrorPage {

    static final String ERROR = OAuthErrorPage.class.getName() + ".error";
    static final String DESCRIPTION = OAuthErrorPage.class.getName() + ".description";

    private OAuthErrorPage() {
    }

    public static void remember(HttpServletRequest request, String errorCode, String description) {
        request.setAttribute(ERROR, errorCode);
        request.setAttribute(DESCRIPTION, description);
    }
}
