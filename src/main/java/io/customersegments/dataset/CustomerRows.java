package io.customersegments.dataset;

import java.sql.SQLException;

import io.customersegments.copy.BinaryCopyWriter;

/** Rows of the customer table as uploads and derived datasets COPY them into a dataset's partition. */
final class CustomerRows {

    /** The columns of {@link #write}, in its order. */
    static final String COLUMNS = "dataset_id, row_no, external_id, numeric, categorical";

    private CustomerRows() {
    }

    /** One customer: NaN numeric values and null categories are stored as NULL elements. */
    static void write(BinaryCopyWriter writer, long datasetId, int rowNo, String externalId, double[] numeric,
            String[] categorical) throws SQLException {
        writer.startRow(5);
        writer.field(datasetId);
        writer.fieldInt(rowNo);
        writer.field(externalId);
        writer.field(numeric);
        writer.field(categorical);
        writer.endRow();
    }

}
