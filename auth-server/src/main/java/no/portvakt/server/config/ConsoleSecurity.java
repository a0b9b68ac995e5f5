package no.portvakt.server.config;

import java.time.Clock;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.console.AdministratorAuthentication;
import no.portvakt.registry.console.Administrators;
import no.portvakt.registry.console.ConsoleLoginFilter;
import no.portvakt.registry.console.Passkeys;
import no.portvakt.registry.partnerpage.ClientCredentialsLogin;
import no.portvakt.registry.throttle.FailedAuthentications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The admin console ({@code /console}) and the partner page ({@code /partner}). The console: its own login (password and TOTP, {@link ConsoleLoginFilter}, or a passkey, {@link Passkeys}), readable by
 * administrators and auditors, changeable by administrators only. A citizen's session has neither role, so it gets
 * 403, never a console page. CSRF on every form; the strict headers of every page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain consoleChain(HttpSecurity http, SecurityHeaders headers,
                                     Administrators administrators, Passkeys passkeys,
                                     Clock clock) throws Exception {
        String admin = AdministratorAuthentication.ADMIN;
        String auditor = AdministratorAuthentication.AUDITOR;
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(ConsoleLoginFilter.LOGIN_PAGE, Passkeys.LOGIN_OPTIONS, Passkeys.LOGIN)
                        .permitAll()
                        // Everyone with a console login manages their own passkeys.
                        .requestMatchers("/console/passkeys", "/console/passkeys/**").hasAnyRole(admin, auditor)
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasAnyRole(admin, auditor)
                        .anyRequest().hasRole(admin))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint(ConsoleLoginFilter.LOGIN_PAGE)))
                .logout(logout -> logout.logoutUrl("/console/logout")
                        .logoutSuccessUrl(ConsoleLoginFilter.LOGIN_PAGE))
                .addFilterBefore(ConsoleLoginFilter.console(administrators, clock),
                        UsernamePasswordAuthenticationFilter.class);
        passkeys.apply(http);
        headers.apply(http);
        return http.build();
    }

    /**
     * The partner page ({@code /partner}): a partner's staff, one partner's clients (an account), or one client
     * (that client's own credentials); nobody else.
     */
    @Bean
    @Order(0)
    SecurityFilterChain partnerPageChain(HttpSecurity http, SecurityHeaders headers,
                                         Administrators administrators, ClientRegistry registry,
                                         Clock clock, FailedAuthentications failures) throws Exception {
        http.securityMatcher("/partner", "/partner/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(ConsoleLoginFilter.PARTNER_LOGIN_PAGE, ClientCredentialsLogin.PATH).permitAll()
                        .anyRequest().hasRole(AdministratorAuthentication.PARTNER_STAFF))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint(ConsoleLoginFilter.PARTNER_LOGIN_PAGE)))
                .logout(logout -> logout.logoutUrl("/partner/logout")
                        .logoutSuccessUrl(ConsoleLoginFilter.PARTNER_LOGIN_PAGE))
                .addFilterBefore(ConsoleLoginFilter.partnerPage(administrators, clock),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new ClientCredentialsLogin(registry, clock, failures),
                        UsernamePasswordAuthenticationFilter.class);
        headers.apply(http);
        return http.build();
    }
}
