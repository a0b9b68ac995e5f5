package no.portvakt.server.login;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.representation.Person;
import no.portvakt.server.citizen.PersonDirectory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * TestID: logs in any synthetic citizen (month + 80, valid mod-11) at the chosen level of assurance, and yields
 * the same principal as an ID-porten login, with {@code amr} TestID.
 */
final class TestIdAuthenticationProvider implements AuthenticationProvider {

    private final PersonDirectory persons;
    private final Clock clock;

    TestIdAuthenticationProvider(PersonDirectory persons, Clock clock) {
        this.persons = persons;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        TestIdLoginRequest request = (TestIdLoginRequest) authentication;
        if (request.pid() == null || request.pid().isBlank()) {
            throw new LoginFailure("missing_pid");
        }
        Fodselsnummer fnr = Fodselsnummer.parse(request.pid().trim())
                .orElseThrow(() -> new LoginFailure("invalid_pid"));
        if (!fnr.isSynthetic()) {
            throw new LoginFailure("not_synthetic");
        }
        if (request.acr() == null || !Assurance.LEVELS.contains(request.acr())) {
            throw new LoginFailure("invalid_acr");
        }
        Person person = persons.person(fnr.value()).orElse(null);
        Citizen citizen = new Citizen(fnr.value(), person == null ? null : person.givenName(),
                person == null ? null : person.familyName(), request.acr(), List.of("TestID"), clock.instant(),
                UUID.randomUUID().toString());
        return new CitizenAuthentication(citizen);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TestIdLoginRequest.class.isAssignableFrom(authentication);
    }
}
