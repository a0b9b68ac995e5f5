package no.portvakt.server.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The partner guide's examples work as written: the curl command is taken from the guide and run. */
class PartnerGuideTest extends PortvaktTestBase {

    private static final Path GUIDE = Path.of("..", "docs", "partner-guide.md");

    @Test
    void theCurlExampleGetsASystemToken() throws Exception {
        String command = codeBlockAfter("<!-- partner-guide-test: curl-system-token -->");
        ProcessBuilder curl = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
        curl.environment().put("ISSUER", ISSUER);
        curl.environment().put("CLIENT_ID", "test-admin");
        curl.environment().put("CLIENT_SECRET", "test-admin-secret-0123456789-0123456789-0123456789");
        curl.environment().put("SCOPE", "portvakt.audit");
        curl.environment().put("API", ISSUER + "/admin/api");
        Process process = curl.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode answer = JsonMapper.builder().build().readTree(output);
        assertThat(answer.get("access_token").asString()).isNotBlank();
        assertThat(answer.get("token_type").asString()).isEqualTo("Bearer");
    }

    private static String codeBlockAfter(String marker) throws IOException {
        String guide = Files.readString(GUIDE);
        int at = guide.indexOf(marker);
        assertThat(at).as("marker in the guide").isPositive();
        int start = guide.indexOf("```bash\n", at) + "```bash\n".length();
        return guide.substring(start, guide.indexOf("```", start));
    }
}
