package no.portvakt.server.consent;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import no.portvakt.registry.ApiScope;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.issuance.OidcScopes;
import no.portvakt.server.registry.ProtectedResources;
import org.springframework.stereotype.Component;

/** Which of a request's scopes are API scopes registered as needing the citizen's consent. */
@Component
public class ConsentScopes {

    private final ProtectedResources apis;

    ConsentScopes(ProtectedResources apis) {
        this.apis = apis;
    }

    /** The scopes among {@code requested} that need consent, with their registration, in a stable order. */
    public Map<String, ApiScope> needingConsent(Collection<String> requested) {
        Set<String> apiScopes = Set.copyOf(requested.stream()
                .filter(scope -> !OidcScopes.ALL.contains(scope)).toList());
        Map<String, ApiScope> result = new LinkedHashMap<>();
        if (apiScopes.isEmpty()) {
            return result;
        }
        for (PartnerApi api : apis.offering(apiScopes)) {
            api.scopes().values().stream()
                    .filter(scope -> scope.consent() && apiScopes.contains(scope.name()))
                    .sorted(java.util.Comparator.comparing(ApiScope::name))
                    .forEach(scope -> result.put(scope.name(), scope));
        }
        return result;
    }
}
