package no.portvakt.server.config;

import no.portvakt.server.login.TestIdProperties;
import no.portvakt.server.login.IdportenProperties;
import java.time.Clock;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.login.LoginEntryPoint;
import no.portvakt.server.login.TestIdAuthenticationFilter;
import no.portvakt.server.login.idporten.IdportenLogin;
import no.portvakt.server.login.idporten.IdportenLogout;
import no.portvakt.server.login.idporten.IdportenRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/** The citizen's pages: login, the own page, logout, and the static files and error page anyone may load. */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain pagesChain(HttpSecurity http, SecurityHeaders headers,
                                   TestIdProperties testId, IdportenProperties idporten, PersonDirectory persons,
                                   Clock clock, ObjectProvider<IdportenRegistration> idportenRegistration,
                                   ObjectProvider<IdportenLogout> idportenLogout) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/css/**", "/js/**", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/oauth2/authorization/*", "/login/oauth2/code/*").permitAll()
                        .requestMatchers(TestIdAuthenticationFilter.PATH).permitAll()
                        .requestMatchers(WrongMethodController.PATHS).permitAll()
                        .requestMatchers("/logout", IdportenLogout.RETURN_PATH, IdportenLogout.BACKCHANNEL_PATH)
                        .permitAll()
                        // The citizen's pages: an administrator's or a partner's login is not a citizen's.
                        .anyRequest().hasRole("CITIZEN"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginEntryPoint()))
                // The portal's logout is PortalLogout's: it ends access, not only the session, and ID-porten's login.
                .logout(logout -> logout.disable())
                // ID-porten's logout token comes from ID-porten's server, signed: no browser, no CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers(IdportenLogout.BACKCHANNEL_PATH));
        if (idporten.enabled()) {
            IdportenLogin.apply(http, idporten, persons, idportenRegistration.getObject(),
                    idportenLogout.getObject());
        }
        if (testId.enabled()) {
            http.addFilterBefore(new TestIdAuthenticationFilter(persons, clock),
                    UsernamePasswordAuthenticationFilter.class);
        }
        headers.apply(http);
        return http.build();
    }
}
