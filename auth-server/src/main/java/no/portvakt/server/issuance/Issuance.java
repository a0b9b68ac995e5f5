package no.portvakt.server.issuance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.portvakt.registry.PartnerApi;
import no.portvakt.representation.Representation;
import no.portvakt.server.login.Citizen;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * What one token request issues, decided once by its grant's rules before any claim is written: the client, the
 * partner APIs its access token is for (none for a relying party's own token), the logged-in citizen and whom they
 * act for as the rules stand now, or the citizen a SystemToken names, the granted scopes, the partner whose
 * pairwise identifiers the tokens carry (OIDC Core §8.1), and the checks still pending when the tokens are signed.
 * The claims assemblers read it; nothing in it is read from the request a second time.
 *
 * @param sector the partner that receives the tokens: the client's, or for a citizen-bound token the API's
 */
public record Issuance(RegisteredClient client, List<PartnerApi> apis, Optional<Acting> acting,
                       Optional<String> namedCitizen, Set<String> scopes, String sector, List<PendingCheck> pending) {

    /** A logged-in citizen, and whom they act for (themself included) by the rules at the time of issue. */
    public record Acting(Citizen citizen, Representation representation) {

        public String representedPid() {
            return representation.represented().pid();
        }
    }

    public Issuance {
        apis = List.copyOf(apis);
        scopes = Set.copyOf(scopes);
        pending = List.copyOf(pending);
        if (acting.isPresent() && namedCitizen.isPresent()) {
            throw new IllegalArgumentException("a token either acts for a logged-in citizen or names one, not both");
        }
    }

    /** A token for a logged-in citizen (the code flow, refresh, token exchange). */
    public static Issuance forCitizen(RegisteredClient client, List<PartnerApi> apis, Acting acting,
                                      Set<String> scopes, String sector) {
        return new Issuance(client, apis, Optional.of(acting), Optional.empty(), scopes, sector, List.of());
    }

    /** A SystemToken: for one API, naming the citizen whose data it reaches, if any. */
    public static Issuance forSystem(RegisteredClient client, PartnerApi api, Optional<String> namedCitizen,
                                     Set<String> scopes) {
        return new Issuance(client, List.of(api), Optional.empty(), namedCitizen, scopes, api.partnerId(), List.of());
    }

    /** The same issuance, whose tokens leave only once {@code check} holds too. */
    public Issuance pendingOn(PendingCheck check) {
        List<PendingCheck> checks = new ArrayList<>(pending);
        checks.add(check);
        return new Issuance(client, apis, acting, namedCitizen, scopes, sector, checks);
    }

    /** The one API a SystemToken or a citizen-bound token is for. */
    public PartnerApi api() {
        if (apis.size() != 1) {
            throw new IllegalStateException("this issuance is for " + apis.size() + " APIs, not one");
        }
        return apis.get(0);
    }

    /** Whether its tokens are issued in a citizen's name, and so audited. */
    public boolean inCitizensName() {
        return acting.isPresent() || namedCitizen.isPresent();
    }

    /** Who acted: the logged-in citizen; empty for a SystemToken. */
    public Optional<String> actingPid() {
        return acting.map(a -> a.citizen().pid());
    }

    /** Whose data the tokens reach: the person represented, or the citizen a SystemToken names. */
    public Optional<String> representedPid() {
        return acting.map(Acting::representedPid).or(() -> namedCitizen);
    }
}
