package no.portvakt.server.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partner guide's examples work as written: the curl command is taken from the guide and run, and each Java
 * block is, word for word, code that a test runs (the stand-in partner API here, the demo partner's SOAP service
 * in {@code DemoEndToEndTest}).
 */
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

    @Test
    void theJavaExamplesAreTheCodeTheTestsRun() throws IOException {
        Matcher examples = Pattern.compile("<!-- partner-guide-test: java (\\S+) -->\\s*```java\\n(.*?)```",
                Pattern.DOTALL).matcher(Files.readString(GUIDE));
        int checked = 0;
        while (examples.find()) {
            String source = Files.readString(Path.of("..").resolve(examples.group(1)));
            assertThat(words(source)).as("the guide's example in " + examples.group(1))
                    .contains(words(examples.group(2)));
            checked++;
        }
        assertThat(checked).as("Java examples in the guide").isEqualTo(3);
    }

    private static String words(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }

    private static String codeBlockAfter(String marker) throws IOException {
        String guide = Files.readString(GUIDE);
        int at = guide.indexOf(marker);
        assertThat(at).as("marker in the guide").isPositive();
        int start = guide.indexOf("```bash\n", at) + "```bash\n".length();
        return guide.substring(start, guide.indexOf("```", start));
    }
}
