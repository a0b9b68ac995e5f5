package no.portvakt.server.keys;

import java.util.Locale;
import java.util.Map;
import no.portvakt.server.admin.AdminApiSecurityConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signing keys in the admin API: which key signs, which are published, and rotation on demand. */
@RestController
@RequestMapping(AdminApiSecurityConfiguration.PATH + "/signing-keys")
class SigningKeysAdminController {

    private final SigningKeys keys;

    SigningKeysAdminController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    Map<String, Object> keys() {
        return Map.of("active", keys.activeKey().getKeyID(),
                "published", keys.publishedKeys().stream().map(k -> k.getKeyID()).toList());
    }

    /**
     * Rotates now: the pending key, already published, starts signing. 409 while the pending key has been
     * published for less than {@code publish-ahead}: partners may not have it yet.
     */
    @PostMapping("/rotation")
    ResponseEntity<Map<String, Object>> rotate() {
        SigningKeys.RotationResult result = keys.rotate(true);
        Map<String, Object> body = Map.of("result", result.name().toLowerCase(Locale.ROOT),
                "active", keys.activeKey().getKeyID());
        return result == SigningKeys.RotationResult.ROTATED ? ResponseEntity.ok(body)
                : ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }
}
