package no.portvakt.server.config;

import java.time.Clock;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.login.LoginEntryPoint;
import no.portvakt.server.logout.SessionEnd;
import no.portvakt.server.login.TestIdAuthenticationFilter;
import no.portvakt.server.login.idporten.IdportenLogin;
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
                                   PortvaktProperties properties, PersonDirectory persons,
                                   Clock clock, SessionEnd sessionEnd) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/css/**", "/js/**", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/oauth2/authorization/*", "/login/oauth2/code/*").permitAll()
                        .requestMatchers(TestIdAuthenticationFilter.PATH).permitAll()
                        .requestMatchers(WrongMethodController.PATHS).permitAll()
                        // The citizen's pages: an administrator's or a partner's login is not a citizen's.
                        .anyRequest().hasRole("CITIZEN"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginEntryPoint()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        // The portal's own logout ends the login and its access for every partner in it.
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication instanceof CitizenAuthentication citizen) {
                                sessionEnd.end(citizen.citizen());
                            }
                        }));
        if (properties.idporten().enabled()) {
            IdportenLogin.apply(http, properties, persons);
        }
        if (properties.testid().enabled()) {
            http.addFilterBefore(new TestIdAuthenticationFilter(persons, clock),
                    UsernamePasswordAuthenticationFilter.class);
        }
        headers.apply(http);
        return http.build();
    }
}
