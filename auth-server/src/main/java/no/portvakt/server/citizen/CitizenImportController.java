package no.portvakt.server.citizen;

import java.util.Map;
import java.util.Set;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.BootstrapFile;
import no.portvakt.server.admin.AdminApiSecurityConfiguration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import of persons and relations from a JSON document (admin API, {@code portvakt.admin}): the bootstrap
 * file's {@code citizens} and {@code relations} sections, as JSON. Every row is checked first; a bad row is named
 * in the answer ({@code citizens[3].pid: ...}) and nothing of the document is imported. Rows already stored are
 * updated, never deleted.
 */
@RestController
@RequestMapping(AdminApiSecurityConfiguration.PATH + "/citizens")
class CitizenImportController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PersonDirectory persons;
    private final TransactionTemplate tx;

    CitizenImportController(PersonDirectory persons, TransactionTemplate tx) {
        this.persons = persons;
        this.tx = tx;
    }

    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> importDocument(@org.springframework.web.bind.annotation.RequestBody
                                                       String body) {
        CitizenSection section;
        try {
            Map<?, ?> document = JSON.readValue(body, Map.class);
            if (document == null) {
                return invalid("the document is not a JSON object");
            }
            BootstrapFile file = BootstrapFile.of("import", document);
            file.root().allowOnly(Set.of("citizens", "relations"));
            section = CitizenSection.parse(file.root());
        } catch (JacksonException e) {
            return invalid("the document is not a JSON object");
        } catch (BootstrapException e) {
            return invalid(e.getMessage());
        }
        tx.executeWithoutResult(status -> section.applyTo(persons));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("imported", section.counts()));
    }

    private static ResponseEntity<Map<String, Object>> invalid(String description) {
        return ResponseEntity.badRequest().cacheControl(CacheControl.noStore())
                .body(Map.of("error", "invalid_request", "error_description", description));
    }
}
