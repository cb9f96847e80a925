package io.customersegments.dataset;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** What is stored, to prove a refused upload left no trace: datasets, customer partitions, rows and column blocks. */
record DatabaseState(List<Long> datasetIds, List<String> partitions, long customerRows, long featureBlocks) {

    static DatabaseState of(JdbcTemplate jdbc) {
        return new DatabaseState(jdbc.queryForList("SELECT id FROM dataset ORDER BY id", Long.class),
                jdbc.queryForList("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relname LIKE 'customer\\_p%' ORDER BY 1", String.class),
                jdbc.queryForObject("SELECT count(*) FROM customer", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM feature_block", Long.class));
    }

}
