package no.portvakt.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the citizen's pages: bokmål, nynorsk or English. In order: an explicit choice on a page
 * ({@code lang}), the OIDC {@code ui_locales} parameter (space-separated, first supported wins), the choice kept in
 * the session, the browser's {@code Accept-Language}; bokmål otherwise. A choice on a page holds for the visit: it
 * is kept in the session, which it starts if there is none yet.
 */
public class UiLocaleResolver implements LocaleResolver {

    public static final Locale BOKMAL = Locale.forLanguageTag("nb");
    public static final Locale NYNORSK = Locale.forLanguageTag("nn");
    public static final List<Locale> SUPPORTED = List.of(BOKMAL, NYNORSK, Locale.ENGLISH);

    /** The parameter of the language switch: a choice that holds for the rest of the visit. */
    public static final String LANG = "lang";
    static final String SESSION_ATTRIBUTE = UiLocaleResolver.class.getName() + ".locale";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Optional<Locale> chosen = firstSupported(request.getParameter(LANG));
        Optional<Locale> explicit = chosen.or(() -> firstSupported(request.getParameter("ui_locales")));
        HttpSession session = session(request, chosen.isPresent());
        if (explicit.isPresent()) {
            if (session != null) {
                session.setAttribute(SESSION_ATTRIBUTE, explicit.get().toLanguageTag());
            }
            return explicit.get();
        }
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof String tag) {
            return Locale.forLanguageTag(tag);
        }
        // Without the header the container answers with its own default locale: not the citizen's choice.
        if (request.getHeader("Accept-Language") == null) {
            return BOKMAL;
        }
        for (Locale browser : Collections.list(request.getLocales())) {
            Optional<Locale> match = supported(browser.getLanguage());
            if (match.isPresent()) {
                return match.get();
            }
        }
        return BOKMAL;
    }

    /** The session, started for a choice to keep unless the response has already gone (an error page's, say). */
    private static HttpSession session(HttpServletRequest request, boolean start) {
        try {
            return request.getSession(start);
        } catch (IllegalStateException committed) {
            return request.getSession(false);
        }
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        request.getSession().setAttribute(SESSION_ATTRIBUTE, locale.toLanguageTag());
    }

    static Optional<Locale> firstSupported(String tags) {
        if (tags == null || tags.length() > 200) {
            return Optional.empty();
        }
        return Arrays.stream(tags.trim().split("\\s+"))
                .map(tag -> Locale.forLanguageTag(tag).getLanguage())
                .map(UiLocaleResolver::supported)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Locale> supported(String language) {
        return switch (language) {
            case "nb", "no" -> Optional.of(BOKMAL);
            case "nn" -> Optional.of(NYNORSK);
            case "en" -> Optional.of(Locale.ENGLISH);
            default -> Optional.empty();
        };
    }
}
