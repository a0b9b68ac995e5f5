package no.demohelse.video;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The partner's pages: a landing page, and after login the claims Portvakt sent (the ID token: who, how, and
 * for whom) and what the portal API answered to the access token.
 */
@Controller
class ClaimsController {

    private final RestClient http = RestClient.create();
    private final String portalApi;

    ClaimsController(@Value("${demo.portal-api}") String portalApi) {
        this.portalApi = portalApi;
    }

    @GetMapping("/")
    String landing(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("user", user);
        return "landing";
    }

    @GetMapping("/claims")
    String claims(@AuthenticationPrincipal OidcUser user,
                  @RegisteredOAuth2AuthorizedClient("portvakt") OAuth2AuthorizedClient client, Model model) {
        Map<String, Object> claims = new TreeMap<>(user.getIdToken().getClaims());
        model.addAttribute("claims", claims);
        model.addAttribute("representation", user.getIdToken().getClaimAsMap("representation"));
        model.addAttribute("scopes", String.join(" ", client.getAccessToken().getScopes()));
        try {
            model.addAttribute("api", http.get().uri(portalApi + "/appointments")
                    .header("Authorization", "Bearer " + client.getAccessToken().getTokenValue())
                    .retrieve().body(Map.class));
        } catch (RestClientResponseException e) {
            model.addAttribute("apiStatus", e.getStatusCode().value());
        }
        return "claims";
    }
}
