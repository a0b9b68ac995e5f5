package no.portvakt.registry.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API's OpenAPI document, open to anyone (it describes, it grants nothing). */
@RestController
class OpenApiController {

    static final String PATH = "/admin/api/openapi.yaml";

    @GetMapping(PATH)
    ResponseEntity<String> document() throws IOException {
        String yaml = new ClassPathResource("openapi/admin-api.yaml").getContentAsString(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .cacheControl(CacheControl.noCache()).body(yaml);
    }
}
