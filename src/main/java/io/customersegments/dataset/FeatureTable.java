package io.customersegments.dataset;

import java.util.List;

/**
 * A dataset's rows read back for analysis, in file order.
 *
 * @param datasetId the dataset
 * @param features the numeric (or date) columns asked for, in the order asked
 * @param n the number of rows
 * @param values row-major n × features.size() values, NaN where a value is missing; not copied, do not modify
 * @param rowNos each row's number in the dataset (the customer ids are not loaded: {@link Datasets#externalIds})
 * @param categorical every categorical column of the dataset, coded per row
 */
public record FeatureTable(long datasetId, List<DatasetColumn> features, int n, double[] values, int[] rowNos,
        List<CodedColumn> categorical) {

    public int d() {
        return features.size();
    }

    /** The categorical column of this key. */
    public CodedColumn categorical(String key) {
        return categorical.stream()
            .filter(column -> column.column().key().equals(key))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("categorical column " + key + " was not loaded"));
    }

    /**
     * A categorical column as codes into its levels.
     *
     * @param codes per row, the index into {@code levels}, or -1 where the value is missing
     */
    public record CodedColumn(DatasetColumn column, int[] codes, List<String> levels) {
    }

}
