package no.portvakt.server.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.server.admin.AdminApiSecurityConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-encryption keys in the admin API: which KEK encrypts, which this instance can decrypt with, how many
 * secrets are under each, and re-encryption of them all under the current one (docs/operations.md).
 */
@RestController
@RequestMapping(AdminApiSecurityConfiguration.PATH + "/key-encryption")
class KeyEncryptionAdminController {

    private final KeyRewrap rewrap;

    KeyEncryptionAdminController(KeyRewrap rewrap) {
        this.rewrap = rewrap;
    }

    @GetMapping
    Map<String, Object> standing() {
        KeyRewrap.Standing standing = rewrap.standing();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current", standing.current());
        body.put("configured", standing.configured());
        body.put("signing_keys", standing.signingKeys());
        body.put("data_keys", standing.dataKeys());
        body.put("totp_secrets", standing.totpSecrets());
        return body;
    }

    /** Re-encrypts every secret under an earlier KEK; answers how many were, and the standing after. */
    @PostMapping("/rewrap")
    Map<String, Object> rewrap() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rewrapped", rewrap.rewrap());
        body.putAll(standing());
        return body;
    }
}
