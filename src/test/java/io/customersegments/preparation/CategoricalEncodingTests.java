package io.customersegments.preparation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.FeatureTable;

class CategoricalEncodingTests {

    /** 200 customers: Married 100, Single 60, Divorced 37, YOLO 1, Absurd 1, 1 without a status; income 0..199. */
    private static FeatureTable table() {
        int n = 200;
        List<String> levels = List.of("Married", "Single", "Divorced", "YOLO", "Absurd");
        int[] codes = new int[n];
        double[] income = new double[n];
        for (int i = 0; i < n; i++) {
            income[i] = i;
            codes[i] = i < 100 ? 0 : i < 160 ? 1 : i < 197 ? 2 : i == 197 ? 3 : i == 198 ? 4 : -1;
        }
        DatasetColumn status = new DatasetColumn("Marital_Status", "marital_status", ColumnRole.CATEGORICAL, 0, null, 2, 5,
                true);
        int[] rowNos = new int[n];
        for (int i = 0; i < n; i++) {
            rowNos[i] = i + 1;
        }
        return new FeatureTable(1, List.of(new DatasetColumn("Income", "income", ColumnRole.NUMERIC, 0, null, 0, n, true)),
                n, income, rowNos, List.of(new FeatureTable.CodedColumn(status, codes, levels)));
    }

    private static Preparation preparation(Map<String, Double> weights, double rare) {
        return new Preparation(List.of("Income"), List.of("income"), List.of(), Scaling.STANDARD, MissingPolicy.DROP,
                OutlierPolicy.KEEP, List.of("Marital_Status"), List.of("marital_status"), weights, rare);
    }

    @Test
    void eachCategoryGetsAColumnAndRareOnesAndARareMissingFoldIntoOther() {
        PreparedData data = FeaturePreparation.prepare(table(), preparation(Map.of(), 0.01));

        CategoryEncoding status = data.categories().get(0);
        assertThat(status.levels()).containsExactly("Married", "Single", "Divorced", "Other");
        assertThat(status.folded()).containsExactlyInAnyOrder("YOLO", "Absurd", CategoryEncoding.MISSING);
        assertThat(status.shares()).containsExactly(0.5, 0.3, 0.185, 0.015);
        assertThat(status.slot()).isEqualTo(1);
        assertThat(data.dimensions()).isEqualTo(5);
        assertThat(data.n()).as("a missing category drops no row").isEqualTo(200);
        assertThat(status.levelOf("YOLO")).isEqualTo(3);
        assertThat(status.levelOf(null)).isEqualTo(3);
        assertThat(status.levelOf("Widow")).isEqualTo(-1);
        // An unseen category sits at the feature's centre, the population's mix: it favours no segment.
        double[] unseen = { 9, 9, 9, 9 };
        status.encode(-1, unseen, 0);
        assertThat(unseen).containsOnly(0.0);
    }

    @Test
    void aCategoricalFeatureVariesAsMuchAsOneStandardisedFeature() {
        PreparedData data = FeaturePreparation.prepare(table(), preparation(Map.of(), 0.01));

        assertThat(variance(data, 0, 1)).isCloseTo(1, within(1e-9));
        assertThat(variance(data, 1, 5)).isCloseTo(1, within(1e-9));
        // A married customer: its indicator minus the share, over the block's spread.
        double spread = Math.sqrt(0.5 * 0.5 + 0.3 * 0.7 + 0.185 * 0.815 + 0.015 * 0.985);
        assertThat(data.scaled()[1]).isCloseTo(0.5 / spread, within(1e-12));
        assertThat(data.scaled()[2]).isCloseTo(-0.3 / spread, within(1e-12));
    }

    @Test
    void aWeightMultipliesWhatAFeatureCountsFor() {
        PreparedData data = FeaturePreparation.prepare(table(), preparation(Map.of("Income", 4.0, "Marital_Status", 0.25),
                0.01));

        assertThat(variance(data, 0, 1)).isCloseTo(4, within(1e-9));
        assertThat(variance(data, 1, 5)).isCloseTo(0.25, within(1e-9));
        // Centres go back to the file's units whatever the weight.
        FeatureTransform income = data.transforms().get(0);
        assertThat(income.invert(income.apply(150))).isCloseTo(150, within(1e-9));
    }

    @Test
    void withoutFoldingEveryValueAndTheMissingOnesAreCategories() {
        PreparedData data = FeaturePreparation.prepare(table(), preparation(Map.of(), 0));

        // Equally frequent categories in the order of the dataset's codes, the missing one first.
        assertThat(data.categories().get(0).levels()).containsExactly("Married", "Single", "Divorced",
                CategoryEncoding.MISSING, "YOLO", "Absurd");
        assertThat(data.categories().get(0).levelOf("")).isEqualTo(3);
    }

    @Test
    void aCentreOfAnEarlierEncodingIsCarriedOverByCategoryName() {
        CategoryEncoding earlier = FeaturePreparation.prepare(table(), preparation(Map.of(), 0)).categories().get(0);
        CategoryEncoding later = FeaturePreparation.prepare(table(), preparation(Map.of(), 0.01)).categories().get(0);
        double[] centre = new double[1 + earlier.width()];
        // All married, in the earlier encoding's coordinates.
        earlier.encode(0, centre, 1);

        double[] carried = later.reencode(earlier, centre);
        double[] direct = new double[later.width()];
        later.encode(0, direct, 0);
        assertThat(carried).containsExactly(direct, within(1e-12));
    }

    /** The summed population variance of columns from .. to of the clustering space. */
    private static double variance(PreparedData data, int from, int to) {
        double total = 0;
        for (int j = from; j < to; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < data.n(); i++) {
                double x = data.scaled()[i * data.dimensions() + j];
                sum += x;
                squares += x * x;
            }
            double mean = sum / data.n();
            total += squares / data.n() - mean * mean;
        }
        return total;
    }

}
