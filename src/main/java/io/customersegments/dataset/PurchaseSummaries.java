package io.customersegments.dataset;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Summarises the order lines behind a derived dataset as purchase histories up to a calibration end (and
 * counts the purchases of a holdout period after it), set-based in one statement.
 */
@Component
class PurchaseSummaries {

    private final JdbcTemplate jdbc;

    PurchaseSummaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param holdoutEnd the last day of the holdout period, or null
     * @throws InvalidDerivationException when the calibration end leaves no customer with a purchase before it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    PurchaseSummary summarise(Dataset derived, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        LocalDate end = holdoutEnd != null ? holdoutEnd : calibrationEnd;
        String sql = """
                WITH d AS (
                    SELECT customer_id, purchased_at::date AS day, sum(amount) AS value,
                        row_number() OVER (PARTITION BY customer_id ORDER BY purchased_at::date) AS nth
                    FROM %1$s WHERE line_kind <> 'R' AND purchased_at < ?::date + 1
                    GROUP BY customer_id, purchased_at::date
                ), b AS (
                    SELECT customer_id, count(*) FILTER (WHERE day <= ?::date) - 1 AS x,
                        max(day) FILTER (WHERE day <= ?::date) - min(day) AS t_x, ?::date - min(day) AS t,
                        coalesce(avg(value) FILTER (WHERE nth > 1 AND day <= ?::date), 0) AS m,
                        count(*) FILTER (WHERE day > ?::date) AS holdout
                    FROM d GROUP BY customer_id HAVING min(day) <= ?::date
                )
                SELECT c.row_no, b.x, b.t_x, b.t, b.m, b.holdout
                FROM %2$s c JOIN b ON b.customer_id = c.external_id ORDER BY c.row_no
                """.formatted(Dataset.orderLinePartition(derived.getSourceDatasetId()), derived.partition());
        Date calibration = Date.valueOf(calibrationEnd);
        List<double[]> rows = new ArrayList<>();
        jdbc.query(sql, rs -> {
            rows.add(new double[] { rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                    rs.getDouble(6) });
        }, Date.valueOf(end), calibration, calibration, calibration, calibration, calibration, calibration);
        if (rows.isEmpty()) {
            throw new InvalidDerivationException("calibrationEnd", "No customer of dataset " + derived.getId()
                    + " bought anything on or before " + calibrationEnd + ". Choose a later calibrationEnd.");
        }
        int n = rows.size();
        int[] rowNos = new int[n];
        double[][] columns = new double[5][n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            rowNos[i] = (int) row[0];
            for (int c = 0; c < 5; c++) {
                columns[c][i] = row[c + 1];
            }
        }
        return new PurchaseSummary(rowNos, columns[0], columns[1], columns[2], columns[3],
                holdoutEnd != null ? columns[4] : null, calibrationEnd);
    }

}
