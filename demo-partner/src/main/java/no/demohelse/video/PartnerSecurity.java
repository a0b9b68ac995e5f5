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
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
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
 * Five chains: Demo Helse's journal API, its SOAP service, its PVK API and the stand-in portal API (stateless
 * resource servers that each take only Portvakt's RFC 9068 tokens for themselves, DPoP-bound ones only with a proof by their key),
 * and the relying party (login with Portvakt: code flow with PKCE, third-party-initiated login,
 * RP-initiated logout, and back-channel logout at {@code /logout/connect/back-channel/portvakt}).
 */
@Configuration(proxyBeanMethods = false)
class PartnerSecurity {

    @Bean
    @Order(2)
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
                        .hasAuthority("SCOPE_" + Journals.READ)
                        .anyRequest().hasAuthority("SCOPE_" + Journals.WRITE));
        return resourceServer(http, portvaktTokensFor(issuer, resource));
    }

    /** Demo Helse's PVK API: the portal's privacy settings arrive here, with a SystemToken for this API. */
    @Bean
    @Order(4)
    SecurityFilterChain privacyApi(HttpSecurity http, @Value("${demo.portvakt-issuer}") String issuer,
                                   @Value("${demo.pvk-api}") String resource) throws Exception {
        http.securityMatcher("/pvk-api/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority("SCOPE_" + PrivacySubscriberController.STORE));
        return resourceServer(http, portvaktTokensFor(issuer, resource));
    }

    /**
     * Demo Helse's older SOAP service for the same journals: the same tokens for the same API, carried in the
     * WS-Security header; refusals are SOAP faults.
     */
    @Bean
    @Order(1)
    SecurityFilterChain journalSoap(HttpSecurity http, @Value("${demo.portvakt-issuer}") String issuer,
                                    @Value("${demo.journal-api}") String resource) throws Exception {
        SoapFaults faults = new SoapFaults();
        http.securityMatcher(JournalSoapEndpoint.PATH)
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority("SCOPE_" + Journals.READ))
                .exceptionHandling(e -> e.accessDeniedHandler(faults).authenticationEntryPoint(faults));
        return statelessResourceServer(http, server -> server
                .bearerTokenResolver(new WsSecurityToken())
                .authenticationEntryPoint(faults)
                .accessDeniedHandler(faults)
                .jwt(jwt -> jwt.decoder(portvaktTokensFor(issuer, resource))));
    }

    /** A REST API's chain: the token in Authorization (Bearer or DPoP) or X-Authorization. */
    private static SecurityFilterChain resourceServer(HttpSecurity http, JwtDecoder tokens) throws Exception {
        return statelessResourceServer(http, resource -> resource
                .bearerTokenResolver(new BearerOrXAuthorization())
                .jwt(jwt -> jwt.decoder(tokens)));
    }

    private static SecurityFilterChain statelessResourceServer(
            HttpSecurity http, Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> resourceServer)
            throws Exception {
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // tokens only, no cookies
                .oauth2ResourceServer(resourceServer);
        return http.build();
    }

    @Bean
    @Order(5)
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
