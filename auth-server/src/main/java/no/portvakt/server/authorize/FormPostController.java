package no.portvakt.server.authorize;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** Renders a form_post authorization response; reachable only by the forward from {@link AuthorizationResponses}. */
@Controller
class FormPostController {

    @RequestMapping(AuthorizationResponses.FORM_POST_PATH)
    String formPost(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Object redirectUri = request.getAttribute(AuthorizationResponses.REDIRECT_URI_ATTRIBUTE);
        if (request.getDispatcherType() != DispatcherType.FORWARD || redirectUri == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return null;
        }
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("redirectUri", redirectUri);
        model.addAttribute("parameters", request.getAttribute(AuthorizationResponses.PARAMETERS_ATTRIBUTE));
        return "form_post";
    }
}
