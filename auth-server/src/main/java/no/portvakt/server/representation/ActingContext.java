package no.portvakt.server.representation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.representation.Person;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.representation.RepresentationRules;
import no.portvakt.server.issuance.OidcScopes;
import no.portvakt.server.login.Citizen;
import org.springframework.stereotype.Component;

/**
 * Whom a logged-in citizen acts for, by the rules as they are today: the rules are evaluated on the day of every
 * request, in Norway's time zone, so a representation that ended at midnight is gone from the next token on.
 */
@Component
public class ActingContext {

    /** The day changes at midnight in Norway, whatever the server's zone. */
    static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private final RepresentationRules rules;
    private final Clock clock;

    public ActingContext(RepresentationRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** Everyone the citizen may act for today, themself first. */
    public List<Representation> options(Citizen citizen) {
        List<Representation> options = rules.whomMay(citizen.pid(), today());
        return options.isEmpty() ? List.of(unregisteredSelf(citizen)) : options;
    }

    /** The citizen's choice as the rules stand today; empty when they have not chosen or it no longer holds. */
    public Optional<Representation> current(Citizen citizen) {
        if (!citizen.hasChosen()) {
            return Optional.empty();
        }
        return check(citizen, citizen.actsFor());
    }

    /** Whether the citizen may act for {@code representedPid} today, and how. */
    public Optional<Representation> check(Citizen citizen, String representedPid) {
        Optional<Representation> found = rules.check(citizen.pid(), representedPid, today());
        if (found.isEmpty() && citizen.pid().equals(representedPid)) {
            return Optional.of(unregisteredSelf(citizen)); // everyone may act for themself
        }
        return found;
    }

    /**
     * Whom the citizen acts for as a token is issued to them: their choice as the rules stand now, allowing every
     * scope asked for. A representation that ended since they chose it (a child turned 16 at midnight), or scopes
     * beyond what it allows, refuse the token with {@code invalid_grant}.
     */
    public Representation forIssuance(Citizen citizen, Set<String> scopes) {
        Representation representation = current(citizen).orElseThrow(() -> refuse(
                "the citizen may no longer act for the person chosen at login"));
        Set<String> beyond = beyondLimits(representation, scopes);
        if (!beyond.isEmpty()) {
            throw refuse("the representation does not allow the scopes " + String.join(" ", new TreeSet<>(beyond)));
        }
        return representation;
    }

    private static OAuth2AuthenticationException refuse(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }

    /** The scopes of {@code scopes} that the representation does not allow (OIDC's own are never limited). */
    public static Set<String> beyondLimits(Representation representation, Set<String> scopes) {
        if (!representation.restrictsScopes()) {
            return Set.of();
        }
        return Set.copyOf(scopes.stream().filter(scope -> !OidcScopes.ALL.contains(scope))
                .filter(scope -> !representation.scopeLimits().contains(scope)).toList());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(NORWAY));
    }

    /** A citizen the directory does not know (a TestID number, say): themself, as the login names them. */
    private static Representation unregisteredSelf(Citizen citizen) {
        LocalDate birthDate = Fodselsnummer.parse(citizen.pid()).map(Fodselsnummer::birthDate).orElse(null);
        return new Representation(Relation.SELF, new Person(citizen.pid(), citizen.givenName(),
                citizen.familyName(), birthDate, null, false), null, null);
    }
}
