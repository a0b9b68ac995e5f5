package no.portvakt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The admin API's OpenAPI document is served to anyone, and describes every path and method the API maps. */
class OpenApiDocumentTest extends PortvaktTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentNamesEveryMappedOperation() {
        HttpResponse<String> response = Http.get(ISSUER + "/admin/api/openapi.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) new Yaml(
                new SafeConstructor(new LoaderOptions())).<Map<String, Object>>load(response.body()).get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream().filter(k -> !k.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if ((path.startsWith("/admin/api") || path.startsWith("/register")) && !path.endsWith("openapi.yaml")) {
                    info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + path));
                }
            }
        }
        assertThat(mapped).contains("POST /register", "GET /admin/api/partners", "POST /admin/api/citizens/import");
        assertThat(documented).containsAll(mapped);
    }
}
