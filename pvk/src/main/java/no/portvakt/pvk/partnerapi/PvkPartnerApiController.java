package no.portvakt.pvk.partnerapi;

import static no.portvakt.registry.admin.AdminAnswers.error;
import static no.portvakt.registry.admin.AdminAnswers.ok;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.Setting;
import no.portvakt.pvk.settings.PrivacySettings;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.representation.Fodselsnummer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * PVK's partner API ({@code /pvk/api}, a registered API of the portal; docs/pvk.md), with the operations partners
 * already use, as JSON: check one citizen's setting, list a citizen's settings for the partner's definitions, list
 * the citizens with an active setting for a definition (paged), and record a setting the partner received another
 * way (replicated like any change). The caller is a partner's client with a SystemToken for this API (the security
 * chain checks the token and the scope); it reaches only its own partner's definitions.
 */
@RestController
@RequestMapping(PvkPartnerApiController.PATH)
class PvkPartnerApiController {

    public static final String PATH = "/pvk/api/PersonvernInnstillinger";
    static final int PAGE = 1000;

    private final PrivacySettings settings;
    private final ClientRegistry clients;

    PvkPartnerApiController(PrivacySettings settings, ClientRegistry clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /** {@code SjekkInnbyggersPiStatus}: one citizen, one definition. */
    @PostMapping("/SjekkInnbyggersPiStatus/v2")
    ResponseEntity<Map<String, Object>> check(@RequestBody(required = false) Map<String, Object> body,
                                              Principal caller) {
        return answer(() -> {
            Definition definition = ownDefinition(body, caller);
            Setting setting = settings.setting(citizen(body), definition.guid());
            return Map.of("aktiv", setting.active());
        });
    }

    /** {@code HentInnbyggersPiForPart}: one citizen's settings for all the partner's definitions. */
    @PostMapping("/HentInnbyggersPiForPart/v2")
    ResponseEntity<Map<String, Object>> ofCitizen(@RequestBody(required = false) Map<String, Object> body,
                                                  Principal caller) {
        return answer(() -> {
            String partner = ownPartner(body, caller);
            List<Map<String, Object>> rows = settings.settingsOf(citizen(body), partner).stream().map(s -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("definisjonGuid", s.definition().guid().toString());
                row.put("definisjonNavn", s.definition().name().nb());
                row.put("typePi", s.definition().type().value());
                row.put("aktiv", s.active());
                row.put("sekvensnummer", s.version());
                Optional.ofNullable(s.changedAt()).ifPresent(at -> row.put("endretTidspunkt", at.toString()));
                return row;
            }).toList();
            return Map.of("innbyggerFnr", citizen(body), "innstillinger", rows);
        });
    }

    /**
     * {@code HentInnbyggereAktivePiForDefinisjon}: the citizens with an active setting for a definition, 1,000 a
     * page in order of their number. Start with {@code pagingReference} 0 and repeat with the value returned; the
     * last page returns none.
     */
    @PostMapping("/HentInnbyggereAktivePiForDefinisjon/v2")
    ResponseEntity<Map<String, Object>> active(@RequestBody(required = false) Map<String, Object> body,
                                               Principal caller) {
        return answer(() -> {
            Definition definition = ownDefinition(body, caller);
            Object reference = body.get("pagingReference");
            if (!(reference instanceof Number number) || number.longValue() < 0
                    || number.longValue() > 99_999_999_999L || number.doubleValue() != number.longValue()) {
                throw new InvalidEntry("pagingReference", "0 to start, then the value the last page returned");
            }
            String after = number.longValue() == 0 ? null : String.format("%011d", number.longValue());
            List<String> page = settings.activeCitizens(definition.guid(), after, PAGE);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("innbyggere", page);
            if (page.size() == PAGE) {
                result.put("pagingReference", Long.parseLong(page.get(page.size() - 1)));
            }
            return result;
        });
    }

    /** {@code SettInnbyggersPersonvernInnstilling}: a setting the partner received another way (a paper consent). */
    @PostMapping("/SettInnbyggersPersonvernInnstilling/v2")
    ResponseEntity<Map<String, Object>> record(@RequestBody(required = false) Map<String, Object> body,
                                               Principal caller) {
        return answer(() -> {
            Definition definition = ownDefinition(body, caller);
            if (!definition.type().value().equals(body.get("typePi"))) {
                throw new InvalidEntry("typePi", "the definition is of type " + definition.type().value());
            }
            if (!(body.get("aktiv") instanceof Boolean active)) {
                throw new InvalidEntry("aktiv", "true or false is required");
            }
            boolean changed = settings.changeAsClient(caller.getName(), Channel.PARTNER_API, citizen(body),
                    definition.guid(), active).isPresent();
            return Map.of("endret", changed);
        });
    }

    /** The caller's partner, which must be the one the request names ({@code partKode}). */
    private String ownPartner(Map<String, Object> body, Principal caller) {
        if (body == null) {
            throw new InvalidEntry("body", "a JSON object is required");
        }
        String partner = clients.findClient(caller.getName()).map(Client::partnerId)
                .orElseThrow(() -> new NotYours("the calling client is not registered"));
        if (!partner.equals(body.get("partKode"))) {
            throw new NotYours("partKode must be your own partner's code, '" + partner + "'");
        }
        return partner;
    }

    private Definition ownDefinition(Map<String, Object> body, Principal caller) {
        String partner = ownPartner(body, caller);
        UUID guid;
        try {
            guid = UUID.fromString(String.valueOf(body.get("definisjonGuid")));
        } catch (IllegalArgumentException e) {
            throw new InvalidEntry("definisjonGuid", "a definition's GUID is required");
        }
        Definition definition = settings.definition(guid);
        if (!definition.partnerId().equals(partner)) {
            throw new NotYours("the definition is not your partner's");
        }
        return definition;
    }

    private static String citizen(Map<String, Object> body) {
        if (!(body.get("innbyggerFnr") instanceof String pid) || !Fodselsnummer.isValid(pid)) {
            throw new InvalidEntry("innbyggerFnr", "a fødselsnummer (11 digits, valid check digits) is required");
        }
        return pid;
    }

    private static ResponseEntity<Map<String, Object>> answer(java.util.function.Supplier<Map<String, Object>> call) {
        try {
            return ok(call.get());
        } catch (NotYours e) {
            return error(HttpStatus.FORBIDDEN, "access_denied", e.getMessage());
        } catch (InvalidEntry e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", e.field() + ": " + e.getMessage());
        }
    }

    /** A partner asking for what is not its own. */
    private static final class NotYours extends RuntimeException {
        NotYours(String message) {
            super(message);
        }
    }
}
