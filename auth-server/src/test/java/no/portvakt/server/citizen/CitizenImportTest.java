package no.portvakt.server.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The JSON import of persons and relations: all of a document or nothing of it, every bad row named. */
class CitizenImportTest extends PortvaktTestBase {

    private static final String IMPORT = ISSUER + "/admin/api/citizens/import";
    private static final String MOR = "03847810040";   // born 1978
    private static final String FAR = "14898010091";   // born 1980
    private static final String BARN = "21821950047";  // born 2019

    @Autowired
    PersonDirectory directory;

    @Test
    void aValidDocumentIsImportedAndTheRulesSeeItsRelations() {
        HttpResponse<String> response = Http.postJson(IMPORT, adminToken(TEST_ADMIN, "portvakt.admin"), """
                {"citizens": [
                   {"pid": "%s", "given_name": "Mor", "family_name": "Import", "address": "import-home"},
                   {"pid": "%s", "given_name": "Barn", "family_name": "Import", "address": "import-home"}],
                 "relations": {"parental_responsibility": [{"parent": "%s", "child": "%s"}]}}
                """.formatted(MOR, BARN, MOR, BARN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("imported").get("citizens").asInt()).isEqualTo(2);
        assertThat(directory.person(BARN)).hasValueSatisfying(p -> assertThat(p.givenName()).isEqualTo("Barn"));
        assertThat(directory.childrenOf(MOR)).containsExactly(BARN);
    }

    @Test
    void aBadRowIsNamedAndNothingOfTheDocumentIsImported() {
        String token = adminToken(TEST_ADMIN, "portvakt.admin");
        HttpResponse<String> badNumber = Http.postJson(IMPORT, token, """
                {"citizens": [
                   {"pid": "%s", "given_name": "Far", "family_name": "Import"},
                   {"pid": "12048645510", "given_name": "Feil", "family_name": "Nummer"}]}
                """.formatted(FAR));
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(badNumber.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.json(badNumber).get("error").asString()).isEqualTo("invalid_request");
        assertThat(Http.json(badNumber).get("error_description").asString())
                .contains("citizens[1]", "pid", "12048645510");
        assertThat(directory.person(FAR)).isEmpty();

        HttpResponse<String> strayRelation = Http.postJson(IMPORT, token, """
                {"citizens": [{"pid": "%s", "given_name": "Far", "family_name": "Import"}],
                 "relations": {"powers_of_attorney": [{"giver": "%s", "holder": "%s", "valid_from": "2026-01-01"}]}}
                """.formatted(FAR, FAR, KARI));
        assertThat(strayRelation.statusCode()).isEqualTo(400);
        assertThat(Http.json(strayRelation).get("error_description").asString())
                .contains("powers_of_attorney[0]", "holder");
        assertThat(directory.person(FAR)).isEmpty();

        assertThat(Http.postJson(IMPORT, token, "not json").statusCode()).isEqualTo(400);
        assertThat(Http.postJson(IMPORT, token, "{\"partners\": []}").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyAnOperatorMayImport() {
        String auditor = adminToken("test-auditor:test-auditor-secret-0123456789-0123456789-012345",
                "portvakt.audit");
        assertThat(Http.postJson(IMPORT, auditor, "{\"citizens\": []}").statusCode()).isEqualTo(403);
        assertThat(Http.postJson(IMPORT, null, "{\"citizens\": []}").statusCode()).isEqualTo(401);
    }
}
