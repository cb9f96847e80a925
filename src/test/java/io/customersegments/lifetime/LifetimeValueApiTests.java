package io.customersegments.lifetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

@ServiceTest
class LifetimeValueApiTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    long uploadCdnow() {
        return api.uploadCdnowTransactions().get("derivedDatasetId").asLong();
    }

    @Test
    void fitsThePublishedCdnowModelsAndStoresThePredictionsAsColumns() {
        long id = uploadCdnow();

        Api.Answer answer = api.postJson("/api/datasets/" + id + "/lifetime-value", """
                {"calibrationEnd": "1997-09-30", "holdoutEnd": "1998-06-30", "timeUnit": "WEEKS", "horizon": 52}
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode fit = answer.json();
        assertThat(fit.get("customers").asInt()).isEqualTo(2357);
        JsonNode bgnbd = fit.get("bgnbd");
        assertThat(bgnbd.get("r").asDouble()).isCloseTo(0.243, withinPercentage(1));
        assertThat(bgnbd.get("alpha").asDouble()).isCloseTo(4.414, withinPercentage(1));
        assertThat(bgnbd.get("a").asDouble()).isCloseTo(0.793, withinPercentage(1));
        assertThat(bgnbd.get("b").asDouble()).isCloseTo(2.426, withinPercentage(1));
        assertThat(bgnbd.get("logLikelihood").asDouble()).isCloseTo(-9582.4, withinPercentage(0.1));
        JsonNode spend = fit.get("gammaGamma");
        assertThat(spend.get("customers").asInt()).isEqualTo(946);
        // To the published digits: with CDNOW's 21 repeated lines left out as duplicates, p and v were 0.4% and 0.6% off.
        assertThat(spend.get("p").asDouble()).isCloseTo(6.25, withinPercentage(0.2));
        assertThat(spend.get("q").asDouble()).isCloseTo(3.74, withinPercentage(0.2));
        assertThat(spend.get("v").asDouble()).isCloseTo(15.44, withinPercentage(0.2));
        assertThat(fit.get("warnings").isArray()).isTrue();
        assertThat(fit.get("warnings")).isEmpty();
        JsonNode holdout = fit.get("holdout");
        assertThat(holdout.get("length").asDouble()).isCloseTo(39.0, withinPercentage(1));
        // 1,882 purchase days of the sample's customers fall in the 39 weeks after calibration (checked with pandas);
        // the fitted BG/NBD predicts about 1,653.
        assertThat(holdout.get("actual").asDouble()).isEqualTo(1882);
        assertThat(holdout.get("predicted").asDouble()).isCloseTo(1882, withinPercentage(15));
        List<Integer> rows = new ArrayList<>();
        holdout.get("byFrequency").forEach(row -> rows.add(row.get("repeatPurchases").asInt()));
        assertThat(rows).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);

        List<String> keys = api.columnKeys(id);
        assertThat(keys).endsWith("p_alive", "expected_purchases", "expected_avg_value", "clv");
        JsonNode summary = api.get("/api/datasets/" + id + "/summary").json();
        JsonNode clv = null;
        for (JsonNode column : summary.get("numeric")) {
            clv = column.get("key").asString().equals("clv") ? column : clv;
        }
        assertThat(clv.get("count").asLong()).isEqualTo(2357);
        assertThat(clv.get("min").asDouble()).isGreaterThanOrEqualTo(0);
        JsonNode first = api.get("/api/datasets/" + id + "/customers?size=1").json().get("content").get(0).get("values");
        assertThat(first.get("p_alive").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("clv").asDouble()).isPositive();
        assertThat(api.get("/api/datasets/" + id + "/lifetime-value").json().get("bgnbd").get("r").asDouble())
            .isEqualTo(bgnbd.get("r").asDouble());

        // Every segment of a run on the dataset says what its customers are worth.
        long runId = api.succeededRun("{\"datasetId\": " + id + ", \"method\": \"RFM\"}");
        double total = 0;
        for (JsonNode segment : api.get("/api/segmentations/" + runId).json().get("segments")) {
            JsonNode value = segment.get("lifetimeValue");
            assertThat(value.get("customers").asLong()).isEqualTo(segment.get("size").asLong());
            assertThat(value.get("meanProbabilityAlive").asDouble()).isBetween(0.0, 1.0);
            total += value.get("totalClv").asDouble();
        }
        assertThat(total).isCloseTo(fit.get("totalClv").asDouble(), withinPercentage(1e-6));

        // Fitted again on the stored history (calibration to the last day): the columns are replaced, not added.
        Api.Answer again = api.postJson("/api/datasets/" + id + "/lifetime-value", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(api.columnKeys(id)).isEqualTo(keys);
    }

    @Test
    void refusesWhatCannotBeFittedAndStoresNothing() {
        long id = uploadCdnow();

        Api.Answer before = api.postJson("/api/datasets/" + id + "/lifetime-value",
                "{\"calibrationEnd\": \"1996-01-01\"}");
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.contentType()).startsWith("application/problem+json");
        assertThat(before.json().get("detail").asString()).contains("outside the purchases");
        Api.Answer holdoutFirst = api.postJson("/api/datasets/" + id + "/lifetime-value",
                "{\"calibrationEnd\": \"1997-09-30\", \"holdoutEnd\": \"1997-09-01\"}");
        assertThat(holdoutFirst.status()).isEqualTo(400);
        Api.Answer tooFar = api.postJson("/api/datasets/" + id + "/lifetime-value",
                "{\"timeUnit\": \"WEEKS\", \"horizon\": 5000}");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().get("detail").asString()).contains("shorter horizon");
        assertThat(tooFar.json().get("type").asString()).isEqualTo("/problems/invalid-request-body");
        assertThat(tooFar.json().get("errors").get(0).get("field").asString()).isEqualTo("horizon");
        Api.Answer afterSnapshot = api.postJson("/api/datasets/" + id + "/lifetime-value",
                "{\"calibrationEnd\": \"1998-07-01\"}");
        assertThat(afterSnapshot.status()).isEqualTo(400);
        assertThat(afterSnapshot.json().get("detail").asString()).contains("snapshot date");
        Api.Answer earlyCalibration = api.postJson("/api/datasets/" + id + "/lifetime-value",
                "{\"calibrationEnd\": \"1997-01-02\"}");
        assertThat(earlyCalibration.status()).isEqualTo(400);
        assertThat(earlyCalibration.json().get("detail").asString()).contains("bought again");

        Api.Answer zero = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", zeroValues());
        long zeroId = zero.json().get("derivedDatasetId").asLong();
        Api.Answer noSpend = api.postJson("/api/datasets/" + zeroId + "/lifetime-value", "{}");
        assertThat(noSpend.status()).as(noSpend.body()).isEqualTo(400);
        assertThat(noSpend.json().get("detail").asString()).contains("positive value");
        assertThat(api.columnKeys(zeroId)).doesNotContain("p_alive", "clv");

        long uploaded = api.uploadMallCustomers();
        Api.Answer notDerived = api.postJson("/api/datasets/" + uploaded + "/lifetime-value", "{}");
        assertThat(notDerived.status()).isEqualTo(400);
        assertThat(notDerived.json().get("type").asString()).endsWith("not-derived");
        assertThat(api.get("/api/datasets/" + uploaded + "/lifetime-value").status()).isEqualTo(404);
    }

    /** 30 customers who each buy on three days, always for nothing. */
    private static String zeroValues() {
        StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
        for (int customer = 1; customer <= 30; customer++) {
            for (int day = 1; day <= 3; day++) {
                csv.append(customer).append(",2020-01-").append(String.format("%02d", day * 5 + customer % 3)).append(",0\n");
            }
        }
        return csv.toString();
    }

}
