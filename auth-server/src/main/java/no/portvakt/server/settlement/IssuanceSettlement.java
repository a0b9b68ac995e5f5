package no.portvakt.server.settlement;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.audit.AuditRecord;
import no.portvakt.server.audit.TokenAudit;
import no.portvakt.server.clientauth.AssertedClient;
import no.portvakt.server.groupcommit.Deadline;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.Issuing;
import no.portvakt.server.issuance.IssuingGrant;
import no.portvakt.server.issuance.PendingCheck;
import no.portvakt.server.issuance.TokenKind;
import no.portvakt.server.logout.SessionParticipants;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/**
 * Every grant at the token endpoint, and the one step after its tokens are signed (and a code or refresh grant's
 * authorization saved), before its response:
 * <ol>
 *   <li>the client's checks first, for a grant whose rules do not list them in its issuance (the code flow,
 *       refresh): nothing happens for a replayed client assertion;</li>
 *   <li>the grant, by the framework's provider;</li>
 *   <li>each client that got an ID token takes part in the citizen's login session (back-channel logout);</li>
 *   <li>the checks the issuance lists as pending, in order, then the audit record of every token issued in a
 *       citizen's name, unless a check stored them in its own statement.</li>
 * </ol>
 * The response waits for the last ({@link SettledTokens}, {@link HeldTokenResponses}): a token leaves only once
 * its record is stored and every check it depends on has held. A request Portvakt could not finish (the database
 * did not answer in time) leaves its client assertion unused, so the client may send it again.
 */
public final class IssuanceSettlement implements AuthenticationProvider {

    private final AuthenticationProvider grant;
    private final TokenAudit audit;
    private final SessionParticipants participants;
    private final MeterRegistry meters;
    private final Duration budget;

    private IssuanceSettlement(AuthenticationProvider grant, TokenAudit audit, SessionParticipants participants,
                               MeterRegistry meters, Duration budget) {
        this.grant = grant;
        this.audit = audit;
        this.participants = participants;
        this.meters = meters;
        this.budget = budget;
    }

    /**
     * Puts the settlement around every grant's provider in {@code providers}; what a grant's tokens depend on is
     * settled within {@code budget} of its start, or they are refused.
     */
    public static void around(List<AuthenticationProvider> providers, TokenAudit audit,
                              SessionParticipants participants, MeterRegistry meters, Duration budget) {
        providers.replaceAll(p -> new IssuanceSettlement(p, audit, participants, meters, budget));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Deadline deadline = Deadline.in(budget);
        if (!(authentication instanceof IssuingGrant rules && rules.issuing().decidedByRules())) {
            AssertedClient.await(authentication.getPrincipal());
        }
        Object client = authentication.getPrincipal();
        Authentication result;
        CompletableFuture<Void> settled;
        try {
            result = grant.authenticate(authentication);
            if (!(result instanceof OAuth2AccessTokenAuthenticationToken)
                    || !(authentication instanceof IssuingGrant issuing)) {
                return result;
            }
            // Released before the response leaves, so that the client's retry finds the jti unused.
            settled = settle(issuing.issuing(), deadline).exceptionallyCompose(failure -> AssertedClient.releaseIfUnfinished(
                    client, failure).thenCompose(released -> CompletableFuture.failedFuture(failure)));
        } catch (RuntimeException failure) {
            AssertedClient.releaseIfUnfinished(client, failure);
            throw failure;
        }
        return new SettledTokens((OAuth2AccessTokenAuthenticationToken) result, settled);
    }

    private CompletableFuture<Void> settle(Issuing issuing, Deadline deadline) {
        Issuance issuance = issuing.decided().orElseThrow();
        List<Issuing.SignedToken> signed = issuing.signed();
        issuance.acting().ifPresent(acting -> signed.stream().filter(t -> t.kind() == TokenKind.ID_TOKEN)
                .findAny().ifPresent(idToken -> participants.joined(acting.citizen().sid(),
                        issuance.client().getClientId(), acting.citizen().pid())));
        List<AuditRecord> records = issuance.inCitizensName()
                ? signed.stream().map(token -> record(token, issuance)).toList() : List.of();
        CompletableFuture<Boolean> stored = CompletableFuture.completedFuture(false);
        for (PendingCheck check : issuance.pending()) {
            stored = stored.thenCompose(before -> check.settle(records, deadline).thenApply(now -> before || now));
        }
        return stored.thenCompose(done -> done || records.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(records.stream().map(r -> audit.record(r, deadline))
                        .toArray(CompletableFuture[]::new)))
                .thenRun(() -> signed.forEach(token -> counted(token, issuance)));
    }

    /** {@code portvakt.tokens.issued}: by grant, kind, client and API (none for a relying party's own token). */
    private void counted(Issuing.SignedToken token, Issuance issuance) {
        meters.counter("portvakt.tokens.issued", "grant", token.grantType(), "kind",
                token.kind().name().toLowerCase(Locale.ROOT), "client", issuance.client().getClientId(),
                "api", token.kind() == TokenKind.ID_TOKEN || issuance.apis().isEmpty() ? "none"
                        : String.join(" ", issuance.apis().stream().map(PartnerApi::resource).toList()))
                .increment();
    }

    private static AuditRecord record(Issuing.SignedToken token, Issuance issuance) {
        Jwt jwt = token.jwt();
        return new AuditRecord(jwt.getIssuedAt(), token.tokenType(), token.grantType(),
                issuance.client().getClientId(), joined(jwt.getAudience()), scopes(jwt.getClaims().get("scope")),
                issuance.actingPid().orElse(null), issuance.representedPid().orElse(null),
                String.valueOf(jwt.getId()), issuance.acting()
                        .map(acting -> acting.representation().relation().claimValue()).orElse(null));
    }

    private static String joined(Collection<?> values) {
        return values == null ? "null" : String.join(" ", values.stream().map(String::valueOf).toList());
    }

    private static String scopes(Object scope) {
        return scope == null ? "" : scope instanceof Collection<?> list ? joined(list) : scope.toString();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return grant.supports(authentication);
    }
}
