package no.portvakt.server.login;

import no.portvakt.representation.Fodselsnummer;
import no.portvakt.server.citizen.PersonDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page ({@code consent-ui}'s {@code login.html}). */
@Controller
class LoginPageController {

    /** The failures the page has a message for (login.error.* in the messages). */
    private static final java.util.Set<String> LOGIN_ERRORS = java.util.Set.of("invalid_pid", "not_synthetic",
            "missing_pid", "invalid_acr", "upstream");

    private final TestIdProperties testId;
    private final IdportenProperties idporten;
    private final PersonDirectory persons;

    LoginPageController(TestIdProperties testId, IdportenProperties idporten, PersonDirectory persons) {
        this.testId = testId;
        this.idporten = idporten;
        this.persons = persons;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error,
                 @RequestParam(name = "login_hint", required = false) String loginHint,
                 @RequestParam(name = "acr_values", required = false) String acrValues,
                 @RequestParam(required = false) String prompt,
                 @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("levels", Assurance.atLeast(Assurance.lowestOf(acrValues)));
        boolean testIdEnabled = testId.enabled();
        model.addAttribute("testIdEnabled", testIdEnabled);
        model.addAttribute("idportenEnabled", idporten.enabled());
        // The ID-porten button asks for what the partner asked for: the level, and a new login.
        model.addAttribute("acrValues", Assurance.lowestOf(acrValues));
        model.addAttribute("promptLogin", "login".equals(prompt));
        model.addAttribute("citizens", testIdEnabled ? persons.all() : java.util.List.of());
        model.addAttribute("error", error != null && LOGIN_ERRORS.contains(error) ? error : null);
        // login_hint: a known citizen is preselected, another synthetic number is typed in for the citizen.
        String hint = loginHint != null && Fodselsnummer.isValid(loginHint) ? loginHint : null;
        boolean known = hint != null && persons.person(hint).isPresent();
        model.addAttribute("loginHint", known ? hint : null);
        // A number typed in that did not log in comes back in its field (TestIdAuthenticationFilter), else the hint.
        Object typed = model.getAttribute(TestIdAuthenticationFilter.TYPED);
        model.addAttribute("loginHintOther", typed != null ? typed : known ? null : hint);
        return "login";
    }
}
