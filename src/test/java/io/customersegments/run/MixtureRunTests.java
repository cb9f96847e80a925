package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.clustering.KSweep;
import io.customersegments.clustering.SweepOptions;
import io.customersegments.clustering.SweepResult;
import io.customersegments.preparation.PreparedData;

/** Soft segments: a Gaussian mixture run chosen by BIC, with probabilities in lookups, predictions and exports. */
@ServiceTest
class MixtureRunTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    /**
     * The known answer: scikit-learn 1.2.1's {@code GaussianMixture(k, covariance_type="full", reg_covar=1e-6,
     * tol=1e-3)} on the standardised mall customers' income and spending, started from the same k-means segments
     * as weights, means and precisions: its {@code bic(X)}. At k = 3..5 they are {@code KMeans(k, n_init=10,
     * random_state=42)}'s; at k = 6 the service's k-means ends in another local optimum (inertia 55.114 against
     * 55.057), {@code KMeans(6, n_init=1, random_state=12)}'s.
     */
    @Test
    void aMixturesBicPerKIsScikitLearnsFromTheSameStart() {
        long datasetId = api.uploadMallCustomers();
        long runId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Annual Income (k$)\", "
                + "\"Spending Score (1-100)\"], \"method\": \"GAUSSIAN_MIXTURE\", \"kMin\": 3, \"kMax\": 6}");

        JsonNode perK = api.get("/api/segmentations/" + runId).json().get("selection").get("perK");
        double[] scikitLearn = { 1151.718274341355, 1079.4939915082437, 1058.6522524191892, 1071.5592483507833 };
        for (int k = 3; k <= 6; k++) {
            assertThat(perK.get(k - 3).get("k").asInt()).isEqualTo(k);
            assertThat(perK.get(k - 3).get("bic").asDouble()).as("k = " + k).isCloseTo(scikitLearn[k - 3], within(1e-6));
        }
    }

    @Test
    void aMixtureChoosesKByBicAndEveryCustomerHasAProbability() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        // "algorithm" is accepted for the method.
        long runId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"TotalSpend\", "
                + "\"Age\"], \"derived\": " + DerivedFeatureTests.DERIVED + ", \"algorithm\": \"GAUSSIAN_MIXTURE\", "
                + "\"kMin\": 2, \"kMax\": 5, \"outliers\": \"DROP\"}");

        JsonNode run = api.get("/api/segmentations/" + runId).json();
        assertThat(run.get("params").get("method").asString()).isEqualTo("GAUSSIAN_MIXTURE");
        // Only RFM runs show the clustering options as null.
        assertThat(run.get("params").get("kMin").asInt()).isEqualTo(2);
        assertThat(run.get("params").get("kMax").asInt()).isEqualTo(5);
        assertThat(run.get("params").get("restarts").asInt()).isEqualTo(10);
        JsonNode selection = run.get("selection");
        assertThat(selection.get("criterion").asString()).isEqualTo("BIC");
        // 24 missing incomes, the extreme income and the two birth years before 1900 are left out.
        assertThat(selection.get("mixtureFitRows").asInt()).isEqualTo(473).isEqualTo(run.get("rowsUsed").asInt());
        assertThat(selection.get("reason").asString()).contains("lowest BIC");
        double lowest = Double.POSITIVE_INFINITY;
        int lowestK = 0;
        for (JsonNode metrics : selection.get("perK")) {
            assertThat(metrics.get("bic").isNumber()).isTrue();
            if (metrics.get("bic").asDouble() < lowest) {
                lowest = metrics.get("bic").asDouble();
                lowestK = metrics.get("k").asInt();
            }
        }
        assertThat(selection.get("chosenK").asInt()).isEqualTo(lowestK).isEqualTo(run.get("k").asInt());
        // The three planted kinds of customer (a median-filled or clipped feature would pile customers on one value,
        // which a mixture fits with a narrow component of its own: hence missing DROP and outliers DROP).
        assertThat(lowestK).isEqualTo(3);

        String csv = api.get("/api/segmentations/" + runId + "/assignments.csv", "text/csv").body();
        String[] lines = csv.split("\r?\n");
        assertThat(lines[0]).isEqualTo("externalId,rowNo,segmentKey,segmentName,distance,margin,probability,"
                + "runnerUpKey,runnerUpProbability,Income,TotalSpend,Age");
        assertThat(lines).hasSize(474);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            double probability = Double.parseDouble(cells[6]);
            double runnerUp = Double.parseDouble(cells[8]);
            assertThat(probability).as(lines[i]).isBetween(1.0 / 3 - 1e-6, 1.0 + 1e-6);
            assertThat(runnerUp).isLessThanOrEqualTo(probability + 1e-6);
            assertThat(cells[7]).isNotEqualTo(cells[2]);
        }

        assertThat(api.post("/api/segmentations/" + runId + "/publish", "application/json", new byte[0]).status())
            .isEqualTo(200);
        String customer = lines[1].split(",")[0];
        JsonNode lookup = api.get("/api/customers/" + customer + "/segment?dataset=" + datasetId).json();
        assertThat(lookup.get("probability").asDouble()).isBetween(0.3, 1.0);
        assertThat(lookup.get("runnerUp").get("segmentKey").asString()).isNotEqualTo(lookup.get("segmentKey").asString());
        // The paged audience says the same of its members as the lookup and the export.
        String key = lookup.get("segmentKey").asString();
        JsonNode audience = api.get("/api/segments/" + key + "/customers?dataset=" + datasetId + "&size=5").json();
        assertThat(audience.get("content")).isNotEmpty().allSatisfy(member -> {
            assertThat(member.get("probability").asDouble()).isBetween(0.3, 1.0);
            assertThat(member.get("runnerUp").get("segmentKey").asString()).isNotEqualTo(key);
            assertThat(member.get("runnerUp").get("probability").asDouble())
                .isLessThanOrEqualTo(member.get("probability").asDouble() + 1e-6);
        });

        JsonNode predicted = api.postJson("/api/segmentations/" + runId + "/predict",
                "[{\"Income\": 80000, \"TotalSpend\": 1600, \"Age\": 60}, {\"Income\": 52000, \"TotalSpend\": 500, "
                        + "\"Age\": 46}]").json();
        assertThat(predicted.get(0).get("probability").asDouble()).isGreaterThan(0.9);
        assertThat(predicted.get(0).get("runnerUp").get("probability").asDouble()).isLessThan(0.1);
        assertThat(predicted.get(0).get("segmentKey").asString())
            .isNotEqualTo(predicted.get(1).get("segmentKey").asString());

        Api.Answer wrongSelection = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId
                + ", \"features\": [\"Income\"], \"method\": \"GAUSSIAN_MIXTURE\", \"selection\": \"SILHOUETTE\"}");
        assertThat(wrongSelection.status()).isEqualTo(400);
        assertThat(wrongSelection.body()).contains("chooses k by BIC");
    }

    @Test
    void aSegmentThatIsASpikeOfOneValueIsPointedOut() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        // The 24 missing incomes filled with the median: a spike of one value, which a mixture gives a segment.
        long runId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"TotalSpend\", "
                + "\"Age\"], \"derived\": " + DerivedFeatureTests.DERIVED + ", \"method\": \"GAUSSIAN_MIXTURE\", "
                + "\"kMin\": 2, \"kMax\": 6, \"missing\": \"MEDIAN\", \"outliers\": \"CLIP\"}");
        JsonNode run = api.get("/api/segmentations/" + runId).json();
        List<String> warnings = new java.util.ArrayList<>();
        run.get("warnings").forEach(warning -> warnings.add(warning.asString()));
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("have (almost) the same")
            .contains("A mixture makes a spike of one value a segment of its own"));
    }

    @Test
    void aboveTheFitRowLimitTheMixtureIsFittedOnAStratifiedSampleAndEveryoneAssigned() {
        int n = 3000;
        double[] scaled = new double[n * 2];
        Well19937c random = new Well19937c(5);
        for (int i = 0; i < n; i++) {
            scaled[i * 2] = (i % 3) * 6 + random.nextGaussian();
            scaled[i * 2 + 1] = (i % 3 == 1 ? 5 : 0) + random.nextGaussian();
        }
        int[] rows = new int[n];
        PreparedData data = new PreparedData(scaled, scaled, n, 2, rows, 0, 0, List.of());
        SweepResult sweep = KSweep.run(scaled, n, 2, SweepOptions.defaults().withRange(3, 3).withRestarts(2), 1);

        MixtureRuns.Fitted sampled = MixtureRuns.fit(data, sweep, 600, 1, fraction -> { }, () -> false);
        MixtureRuns.Fitted whole = MixtureRuns.fit(data, sweep, 0, 1, fraction -> { }, () -> false);

        assertThat(sampled.fitRows()).isEqualTo(600);
        assertThat(whole.fitRows()).isEqualTo(n);
        assertThat(sampled.labels()).hasSize(n);
        int agree = 0;
        for (int i = 0; i < n; i++) {
            agree += sampled.labels()[i] == whole.labels()[i] ? 1 : 0;
        }
        assertThat(agree).isGreaterThan((int) (0.98 * n));
    }

}
