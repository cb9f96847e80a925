package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Values that are stored but look wrong are reported in the upload's quality report, with counts and lines. */
@ServiceTest
class ValueWarningTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static Map<String, JsonNode> byKind(JsonNode upload) {
        Map<String, JsonNode> warnings = new HashMap<>();
        upload.get("quality").get("valueWarnings").forEach(w -> warnings.put(w.get("kind").asString() + ":"
                + w.get("key").asString(), w));
        return warnings;
    }

    @Test
    void theMarketingFilesPlantedProblemsAreFound() {
        Map<String, JsonNode> warnings = byKind(api.uploadMarketingCampaign());

        // Line 1 is the header: rows 77, 101 and 202 of the fixture are lines 79, 103 and 204.
        JsonNode income = warnings.get("EXTREME_OUTLIER:income");
        assertThat(income.get("count").asLong()).isEqualTo(1);
        assertThat(income.get("lines").get(0).asLong()).isEqualTo(79);
        assertThat(income.get("message").asString()).contains("Column \"Income\": 1 value lies far beyond");
        JsonNode births = warnings.get("BIRTH_YEAR_BEFORE_1900:year_birth");
        assertThat(births.get("count").asLong()).isEqualTo(2);
        assertThat(births.get("lines").toString()).isEqualTo("[103,204]");
        assertThat(warnings.keySet()).noneMatch(key -> key.startsWith("FUTURE_DATE") || key.contains("kidhome"));
    }

    @Test
    void declaredRangesAgesExtremesAndFutureDatesAreCountedWithTheirLines() {
        // "Account Age (days)" is no person's age and "Spend (2019-2020)" names years: neither is checked as such.
        StringBuilder csv = new StringBuilder("id,Age,Spending Score (1-100),Visits,Signed Up,Account Age (days),"
                + "Spend (2019-2020)\n");
        for (int i = 0; i < 40; i++) {
            csv.append("c").append(i).append(',').append(20 + i).append(',').append(10 + i).append(',').append(5 + i % 3)
                .append(",2020-01-").append(String.format("%02d", 1 + i % 28)).append(',').append(300 + i)
                .append(',').append(150 + i).append('\n');
        }
        csv.append("x1,0,0,6,2020-02-01,310,160\n");       // line 42: an age of 0, a score below the declared 1
        csv.append("x2,130,101,5000,2020-02-01,320,170\n"); // line 43: too old, a score above 100, far-out visits
        csv.append("x3,45,50,6,2999-01-01,330,180\n");     // line 44: signed up in the future
        JsonNode upload = api.postCsv("/api/datasets?force=true", csv.toString()).json();

        Map<String, JsonNode> warnings = byKind(upload);
        assertThat(warnings.get("IMPLAUSIBLE_AGE:age").get("lines").toString()).isEqualTo("[42,43]");
        assertThat(warnings.get("OUTSIDE_DECLARED_RANGE:spending_score_1_100").get("lines").toString())
            .isEqualTo("[42,43]");
        assertThat(warnings.get("OUTSIDE_DECLARED_RANGE:spending_score_1_100").get("message").asString())
            .contains("values outside the range 1 to 100 its name declares");
        assertThat(warnings.get("EXTREME_OUTLIER:visits").get("lines").toString()).isEqualTo("[43]");
        assertThat(warnings.get("FUTURE_DATE:signed_up").get("count").asLong()).isEqualTo(1);
        assertThat(warnings.get("FUTURE_DATE:signed_up").get("lines").toString()).isEqualTo("[44]");
        // Every value is stored as it was: the warnings only point at them.
        assertThat(upload.get("rowCount").asLong()).isEqualTo(43);
        assertThat(warnings.keySet()).noneMatch(key -> key.endsWith(":account_age_days") || key.endsWith(":spend_2019_2020"));
    }

}
