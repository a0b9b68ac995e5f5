package no.portvakt.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import no.portvakt.registry.dcr.ClientRegistrationController;
import no.portvakt.registry.throttle.FailedAuthentications;
import no.portvakt.server.audit.TokenAudit;
import no.portvakt.server.authorize.AuthorizationEntryPoint;
import no.portvakt.server.authorize.AuthorizationRequestParameters;
import no.portvakt.server.authorize.AuthorizationRequestRules;
import no.portvakt.server.authorize.AuthorizationResponses;
import no.portvakt.server.authorize.LoginFreshness;
import no.portvakt.server.authorize.LoginHintMatches;
import no.portvakt.server.claims.PairwiseSubject;
import no.portvakt.server.claims.UserInfoClaims;
import no.portvakt.server.clientauth.AssertedClient;
import no.portvakt.server.clientauth.AssertionFirstUse;
import no.portvakt.server.clientauth.AssertionReplayGuard;
import no.portvakt.server.clientauth.ClientAssertionDecoders;
import no.portvakt.server.clientauth.ClientAuthenticationThrottle;
import no.portvakt.server.clientauth.DpopRequired;
import no.portvakt.server.clientauth.PublicClients;
import no.portvakt.server.clientauth.ResourceServersOnly;
import no.portvakt.server.clients.Sha256SecretEncoder;
import no.portvakt.server.codeflow.CodeFlowGrants;
import no.portvakt.server.consent.ConsentRequired;
import no.portvakt.server.consent.ConsentScopes;
import no.portvakt.server.consent.ConsentStore;
import no.portvakt.server.consent.GrantedScopes;
import no.portvakt.server.exchange.CitizenTokenExchange;
import no.portvakt.server.exchange.ExchangeGrant;
import no.portvakt.server.exchange.SubjectChecks;
import no.portvakt.server.groupcommit.GroupCommitProperties;
import no.portvakt.server.login.Assurance;
import no.portvakt.server.login.CitizenJson;
import no.portvakt.server.logout.RpInitiatedLogout;
import no.portvakt.server.logout.SessionParticipants;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.server.representation.ActingContext;
import no.portvakt.server.representation.RepresentationChosen;
import no.portvakt.server.settings.PortvaktProperties;
import no.portvakt.server.settlement.HeldTokenResponses;
import no.portvakt.server.settlement.IssuanceSettlement;
import no.portvakt.server.systemtoken.SystemTokenGrant;
import no.portvakt.server.systemtoken.SystemTokenRules;
import no.portvakt.server.tokens.ApiTokenIntrospection;
import no.portvakt.server.tokens.RefreshTokenReuseDetection;
import no.portvakt.server.tokens.StatelessApiTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The protocol endpoints: the Spring authorization server, extended at its hooks. Every Portvakt rule is in a
 * class of its own; this class only wires them in.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, SecurityHeaders headers,
                                                 AuthorizationResponses responses,
                                                 ClientAssertionDecoders assertionDecoders,
                                                 FailedAuthentications failedAuthentications,
                                                 Clock clock, RegisteredClientRepository registeredClients,
                                                 SystemTokenRules systemTokenRules,
                                                 AuthorizationRequestParameters parameters,
                                                 OAuth2AuthorizationService authorizationService,
                                                 ProtectedResources apis, JdbcClient jdbcClient,
                                                 SubjectChecks subjectChecks,
                                                 ApiTokenIntrospection apiTokenIntrospection,
                                                 ActingContext acting, PairwiseSubject pairwise,
                                                 ConsentScopes consentScopes, ConsentStore consents,
                                                 RpInitiatedLogout rpLogout, OAuth2TokenGenerator<?> tokens,
                                                 AssertionReplayGuard replayGuard, TokenAudit audit,
                                                 SessionParticipants participants,
                                                 AuthorizationServerSettings settings, MeterRegistry meters,
                                                 GroupCommitProperties groupCommit)
            throws Exception {
        OAuthErrorResponses errors = new OAuthErrorResponses();
        ClientAuthenticationThrottle throttle = new ClientAuthenticationThrottle(failedAuthentications, meters);
        var rules = new AuthorizationRequestRules().andThen(new LoginFreshness(clock))
                .andThen(new LoginHintMatches(pairwise)).andThen(new RepresentationChosen(acting))
                .andThen(new ConsentRequired(consentScopes, consents, acting));
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.authorizationEndpoint(endpoint -> endpoint
                    .authenticationProviders(providers -> withRules(providers, rules))
                    .authorizationResponseHandler(responses::success)
                    .errorResponseHandler(responses::failure));
            as.pushedAuthorizationRequestEndpoint(par -> par
                    // The framework's converter returns nothing for a request it does not recognise (no
                    // response_type at all), and the endpoint then fails; such a request is invalid (RFC 9126 §2.1).
                    .pushedAuthorizationRequestConverters(converters -> converters.add(request -> {
                        throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                                "OAuth 2.0 Parameter: response_type", null));
                    }))
                    .authenticationProviders(providers -> withRules(providers, rules))
                    .errorResponseHandler(errors));
            as.clientAuthentication(clients -> clients
                    .authenticationConverter(PublicClients.converter())
                    // One consumer: the configurer keeps only the last one it is given.
                    .authenticationProviders(providers -> {
                        PublicClients.guard(providers, registeredClients);
                        providers.forEach(p -> {
                            if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                secrets.setPasswordEncoder(new Sha256SecretEncoder());
                            }
                            if (p instanceof JwtClientAssertionAuthenticationProvider assertions) {
                                assertions.setJwtDecoderFactory(assertionDecoders);
                            }
                        });
                        AssertedClient.recordingFirstUse(providers, replayGuard);
                    })
                    .errorResponseHandler(throttle.counting(errors)));
            as.tokenEndpoint(token -> token
                    // Each grant read into Portvakt's own grant type, which carries its issuance.
                    .accessTokenRequestConverters(converters -> converters.addAll(0, List.of(
                            SystemTokenGrant.converter(), ExchangeGrant.converter(), CodeFlowGrants.code(),
                            CodeFlowGrants.refresh())))
                    .authenticationProviders(providers -> {
                        providers.forEach(p -> {
                            if (p instanceof OAuth2ClientCredentialsAuthenticationProvider systemTokens) {
                                systemTokens.setAuthenticationValidator(systemTokenRules);
                            }
                        });
                        CitizenTokenExchange.guard(providers, authorizationService, tokens, jdbcClient, subjectChecks,
                                apis, acting);
                        IssuanceSettlement.around(providers, audit, participants, meters,
                                groupCommit.deadline());
                    })
                    .accessTokenResponseHandler(new HeldTokenResponses(errors, groupCommit.deadline()))
                    .errorResponseHandler(errors));
            as.tokenIntrospectionEndpoint(introspection -> introspection
                    .authenticationProviders(providers -> ResourceServersOnly.guard(providers, apiTokenIntrospection,
                            registeredClients))
                    .errorResponseHandler(errors));
            as.tokenRevocationEndpoint(revocation -> revocation.errorResponseHandler(errors));
            as.authorizationServerMetadataEndpoint(metadata -> metadata
                    .authorizationServerMetadataCustomizer(m -> m.claims(Discovery::customize)));
            as.oidc(oidc -> oidc
                    .logoutEndpoint(logout -> logout
                            .logoutRequestConverters(converters -> converters.replaceAll(
                                    RpInitiatedLogout::withoutTheBrowsersLogin))
                            .logoutResponseHandler(rpLogout::success)
                            .errorResponseHandler(rpLogout::failure))
                    .providerConfigurationEndpoint(config -> config
                            .providerConfigurationCustomizer(c -> c.claims(Discovery::customize)))
                    .userInfoEndpoint(userinfo -> userinfo.userInfoMapper(new UserInfoClaims())));
        });
        RequestMatcher authorizationEndpoint = request -> request.getRequestURI()
                .equals(request.getContextPath() + "/oauth2/authorize");
        // Only an authorization request is worth coming back to after a login: a refused userinfo or token call
        // saves nothing, and so creates no session.
        HttpSessionRequestCache authorizationRequests = new HttpSessionRequestCache();
        authorizationRequests.setRequestMatcher(authorizationEndpoint);
        http.requestCache(cache -> cache.requestCache(authorizationRequests));
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new AuthorizationEntryPoint(parameters, responses),
                                authorizationEndpoint)
                        .defaultAuthenticationEntryPointFor(errors::commenceInvalidClient, clientEndpoints()))
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
        // After client authentication (which runs before the pre-authentication filters), before the endpoints.
        http.addFilterBefore(new DpopRequired(errors), AuthorizationFilter.class);
        http.addFilterBefore(new AssertionFirstUse(settings.getTokenEndpoint(), throttle.counting(errors)),
                AuthorizationFilter.class);
        // Before client authentication (which runs after the pre-authentication filters).
        http.addFilterBefore(throttle, AbstractPreAuthenticatedProcessingFilter.class);
        headers.apply(http);
        return http.build();
    }

    /** The endpoints a client calls directly: without client authentication they answer invalid_client. */
    private static RequestMatcher clientEndpoints() {
        var paths = java.util.Set.of(WrongMethodController.PATHS);
        return request -> paths.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** The framework's checks first, then Portvakt's; both at the authorization and the PAR endpoint. */
    private static void withRules(List<AuthenticationProvider> providers,
                                  Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> rules) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider p) {
                p.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator().andThen(rules));
            }
            if (provider instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider p) {
                p.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator().andThen(rules));
            }
        }
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(PortvaktProperties properties) {
        String issuer = properties.issuer();
        if (issuer == null || !issuer.matches("https?://[^?#]+") || issuer.endsWith("/")) {
            throw new IllegalStateException("portvakt.issuer (PORTVAKT_ISSUER) must be an absolute URL without a "
                    + "trailing slash, query or fragment, not '" + issuer + "'");
        }
        return AuthorizationServerSettings.builder().issuer(issuer).multipleIssuersAllowed(false).build();
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, JdbcClient jdbcClient,
                                                    RegisteredClientRepository clients, ConsentScopes consentScopes,
                                                    ConsentStore consents, ActingContext acting) {
        BasicPolymorphicTypeValidator.Builder types = CitizenJson.allow(BasicPolymorphicTypeValidator.builder());
        JsonMapper json = JsonMapper.builder()
                .addModules(SecurityJacksonModules.getModules(getClass().getClassLoader(), types))
                .addModule(CitizenJson.module())
                .build();
        JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
        service.setAuthorizationRowMapper(
                new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, json));
        service.setAuthorizationParametersMapper(
                new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(json));
        return new GrantedScopes(new RefreshTokenReuseDetection(new StatelessApiTokens(service), jdbcClient),
                consentScopes, consents, acting);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
                                                                  RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** What discovery adds to the framework's metadata (RFC 8414, OIDC Discovery 1.0). */
    static final class Discovery {

        private Discovery() {
        }

        static void customize(java.util.Map<String, Object> claims) {
            claims.put("authorization_response_iss_parameter_supported", true); // RFC 9207 §3
            // RFC 7591 §3 (with an initial access token from an administrator)
            claims.put("registration_endpoint", claims.get("issuer") + ClientRegistrationController.PATH);
            claims.put("response_modes_supported", List.of("query", "form_post"));
            claims.put("code_challenge_methods_supported", List.of("S256"));
            claims.put("acr_values_supported", Assurance.LEVELS);
            claims.put("ui_locales_supported", List.of("nb", "nn", "en"));
            claims.put("prompt_values_supported", List.of("none", "login", "consent"));
            claims.put("claims_parameter_supported", false);
            claims.put("request_parameter_supported", false);
            claims.put("require_pushed_authorization_requests", false);
            claims.put("subject_types_supported", List.of("pairwise"));
            claims.put("scopes_supported", List.of("openid", "profile", "pid", "offline_access"));
            claims.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr",
                    "amr", "sid", "pid", "name", "given_name", "family_name", "representation"));
            // Only what Portvakt registers clients with (the framework lists every method it could check).
            claims.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic",
                    "client_secret_post", "private_key_jwt", "none"));
            for (String endpoint : List.of("introspection", "revocation")) {
                claims.put(endpoint + "_endpoint_auth_methods_supported", List.of("client_secret_basic",
                        "client_secret_post", "private_key_jwt"));
            }
            claims.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "RS384", "RS512",
                    "PS256", "ES256"));
            claims.remove("tls_client_certificate_bound_access_tokens");
        }
    }
}
