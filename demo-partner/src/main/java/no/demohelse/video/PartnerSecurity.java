package no.demohelse.video;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Three chains: Demo Helse's journal API and the stand-in portal API (stateless resource servers that each take
 * only Portvakt's RFC 9068 tokens for themselves), and the relying party (login with Portvakt: code flow with PKCE, third-party-initiated login,
 * RP-initiated logout, and back-channel logout at {@code /logout/connect/back-channel/portvakt}).
 */
@Configuration(proxyBeanMethods = false)
class PartnerSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain portalApi(HttpSecurity http, @Value("${demo.portvakt-issuer}") String issuer,
                                  @Value("${demo.portal-api}") String resource) throws Exception {
        http.securityMatcher("/portal-api/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority("SCOPE_" + PortalApiController.SCOPE));
        return resourceServer(http, portvaktTokensFor(issuer, resource));
    }

    /** Demo Helse's journal API: SystemTokens (situations 3 and 4) and citizen-bound tokens (situation 1). */
    @Bean
    @Order(0)
    SecurityFilterChain journalApi(HttpSecurity http, @Value("${demo.portvakt-issuer}") String issuer,
                                   @Value("${demo.journal-api}") String resource) throws Exception {
        http.securityMatcher("/journal-api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/journal-api/**")
                        .hasAuthority("SCOPE_" + JournalApiController.READ)
                        .anyRequest().hasAuthority("SCOPE_" + JournalApiController.WRITE));
        return resourceServer(http, portvaktTokensFor(issuer, resource));
    }

    private static SecurityFilterChain resourceServer(HttpSecurity http, JwtDecoder tokens) throws Exception {
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(tokens)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain relyingParty(HttpSecurity http, ClientRegistrationRepository registrations)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        // PKCE S256 always (Portvakt requires it); the login_hint of a third-party-initiated login, once.
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                .andThen(builder -> ThirdPartyInitiatedLogin.takeLoginHint(session())
                        .ifPresent(hint -> builder.additionalParameters(p -> p.put("login_hint", hint)))));
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/css/**", "/error", ThirdPartyInitiatedLogin.PATH).permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                        .successHandler(new AfterLogin()))
                .logout(l -> l.logoutSuccessHandler(logout))
                .oidcLogout(oidc -> oidc.backChannel(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * Portvakt's tokens for one API, checked as docs/partner-guide.md says: signed by Portvakt (its JWKS),
     * {@code typ at+jwt}, {@code aud} this API: a token for another API is refused here.
     */
    static JwtDecoder portvaktTokensFor(String issuer, String resource) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                .jwtProcessorCustomizer(p -> p.setJWSTypeVerifier(
                        new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
                .build();
        // RFC 9068 §4: iss, aud, exp, iat, sub, jti; any of the portal's relying parties may hold one.
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(issuer).audience(resource)
                .validators(v -> v.put("client_id", jwt -> jwt.hasClaim("client_id")
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "no client_id", null))))
                .build());
        return decoder;
    }

    private static HttpSession session() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest().getSession();
    }
}
