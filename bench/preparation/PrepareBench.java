import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.FeatureTable;
import io.customersegments.preparation.FeaturePreparation;
import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.Preparation;
import io.customersegments.preparation.PreparedData;
import io.customersegments.preparation.Scaling;

/**
 * A run's preparation phase alone (issue 15): FeaturePreparation.prepare on ROWS × 5 whole-number features (rounded
 * Gaussians, so with many repeated values, as ages and scores are), standard scaling, outliers kept. Prints each
 * repeat's milliseconds after two untimed ones. Usage: java -cp target/classes:commons-math3.jar:OUT PrepareBench ROWS REPEATS
 */
public class PrepareBench {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        int d = 5;
        double[] values = new double[n * d];
        Random random = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(random.nextGaussian() * 20 + 50);
        }
        List<DatasetColumn> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            columns.add(new DatasetColumn("f" + j, "f" + j, ColumnRole.NUMERIC, j, null, 0, n, true));
            names.add("f" + j);
        }
        int[] rowNos = new int[n];
        for (int i = 0; i < n; i++) {
            rowNos[i] = i + 1;
        }
        FeatureTable table = new FeatureTable(1, columns, n, values, rowNos, List.of());
        Preparation preparation = new Preparation(names, names, List.of(), Scaling.STANDARD, MissingPolicy.DROP,
                OutlierPolicy.KEEP);
        double check = 0;
        for (int repeat = -2; repeat < repeats; repeat++) {
            long started = System.nanoTime();
            PreparedData prepared = FeaturePreparation.prepare(table, preparation);
            long millis = (System.nanoTime() - started) / 1_000_000;
            check += prepared.scaled()[n / 2];
            if (repeat >= 0) {
                System.out.println("RESULT prepare_" + n + "x5_ms " + millis);
            }
        }
        System.out.println("# check " + check);
    }

}
