package no.portvakt.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the language switch on every page leads ({@code languageLinks}, by language): the same page in the other
 * language, so that switching never loses what the page shows. A page shown for a GET keeps its query (a login
 * error, a withdrawn consent); one shown as the answer to a form keeps only its address, which a link cannot post
 * again. The error page sets its own (see the error controller).
 */
@ControllerAdvice
public class LanguageLinks {

    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        UriComponentsBuilder page = UriComponentsBuilder.fromPath(request.getRequestURI());
        if ("GET".equals(request.getMethod())) {
            page.query(request.getQueryString());
        }
        return of(page);
    }

    /** The links to {@code page} in each language. */
    public static Map<String, String> of(UriComponentsBuilder page) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Locale language : UiLocaleResolver.SUPPORTED) {
            links.put(language.getLanguage(), page.cloneBuilder().replaceQueryParam(UiLocaleResolver.LANG,
                    language.getLanguage()).build().toUriString());
        }
        return links;
    }
}
