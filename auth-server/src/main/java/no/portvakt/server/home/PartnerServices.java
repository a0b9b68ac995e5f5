package no.portvakt.server.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.server.claims.PairwiseSubject;
import no.portvakt.server.web.FormQuery;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * The SSO links on the citizen's page: third-party-initiated login (OIDC Core §4). Each link goes to the partner's
 * {@code initiate_login_uri} with {@code iss} (Portvakt), {@code target_link_uri} (where the citizen lands) and
 * {@code login_hint}: the citizen's pairwise {@code sub} at that partner, never the fødselsnummer, which has no
 * place in a URL. The partner then starts an ordinary code flow, and the existing session answers it.
 */
@Component
class PartnerServices {

    /** One link on the page. */
    record Link(String name, String href) {
    }

    private final ClientRegistry registry;
    private final PairwiseSubject pairwise;
    private final String issuer;

    PartnerServices(ClientRegistry registry, PairwiseSubject pairwise, AuthorizationServerSettings settings) {
        this.registry = registry;
        this.pairwise = pairwise;
        this.issuer = settings.getIssuer();
    }

    List<Link> linksFor(String pid) {
        return registry.services().stream().map(client -> link(client, pid, issuer)).toList();
    }

    private Link link(Client client, String pid, String issuer) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("iss", issuer);
        query.put("login_hint", pairwise.of(pid, client.partnerId()));
        query.put("target_link_uri", client.service().targetLinkUri());
        String href = FormQuery.append(client.service().initiateLoginUri(), query);
        return new Link(client.clientName(), href);
    }
}
