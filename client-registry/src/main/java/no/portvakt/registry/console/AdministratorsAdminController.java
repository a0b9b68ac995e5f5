package no.portvakt.registry.console;

import static no.portvakt.registry.admin.AdminAnswers.error;

import java.security.Principal;
import java.util.Map;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.RegistryAudit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's accounts in the admin API ({@code POST /admin/api/administrators}, docs/admin-api.md): the console
 * owns its accounts, so the call that makes one lives with them.
 */
@RestController
@RequestMapping("/admin/api")
class AdministratorsAdminController {

    private final ClientRegistry registry;
    private final RegistryAudit audit;
    private final Administrators administrators;

    AdministratorsAdminController(ClientRegistry registry, RegistryAudit audit, Administrators administrators) {
        this.registry = registry;
        this.audit = audit;
        this.administrators = administrators;
    }

    /**
     * A console account, or a partner page account: its password and TOTP secret are in this answer only (no
     * account without a second factor). {@code role}: admin, auditor, or partner (with {@code partner_id}).
     */
    @PostMapping("/administrators")
    ResponseEntity<Map<String, Object>> administrator(@RequestBody(required = false) Map<String, Object> body,
                                                      Principal actor) {
        Object username = body == null ? null : body.get("username");
        Object role = body == null ? null : body.get("role");
        if (!(username instanceof String name) || !name.matches("[a-z][a-z0-9._-]{2,49}")) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "username: 3 to 50 of a-z, 0-9, '.', '_', '-'");
        }
        if (!(role instanceof String r) || !Administrators.ROLES.contains(r)) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "role: admin, auditor or partner");
        }
        Object partner = body.get("partner_id");
        boolean staff = "partner".equals(r);
        if (staff != (partner instanceof String p && registry.findPartner(p).isPresent())) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request",
                    "partner_id: a registered partner for role partner, absent otherwise");
        }
        String partnerId = staff ? (String) partner : null;
        return administrators.create(name, r, partnerId, actor.getName(), "Portvakt").map(enrollment -> {
            audit.record(actor.getName(), "administrator", name, "create", null,
                    staff ? Map.of("role", r, "partner_id", partnerId) : Map.of("role", r));
            return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                    .body(Map.<String, Object>of("username", name, "role", r, "password", enrollment.password(),
                            "totp_secret", enrollment.totpSecret(), "otpauth_uri", enrollment.otpauthUri()));
        }).orElseGet(() -> error(HttpStatus.CONFLICT, "conflict", "username '" + name + "' is taken"));
    }
}
