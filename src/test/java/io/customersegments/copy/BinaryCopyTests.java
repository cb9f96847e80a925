package io.customersegments.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyInputStream;
import org.postgresql.util.ByteStreamWriter;

/**
 * The writer's bytes against the binary COPY format as PostgreSQL documents it (the COPY page and
 * array_send), the reader against bytes laid out the same way, and the two through a real server.
 */
class BinaryCopyTests {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

    private static final String SCHEMA = "customer_segments_bintest";

    @Test
    void writesScalarFieldsAsTheirBinaryForms() throws Exception {
        RecordingCopyIn copy = new RecordingCopyIn(1);
        BinaryCopyWriter writer = new BinaryCopyWriter(copy);

        writer.startRow(6);
        writer.fieldExact(Double.NaN);
        writer.field(Double.NaN);
        writer.fieldInt(-2);
        writer.fieldShort((short) 345);
        writer.field(0.25f);
        writer.field(new byte[] { 1, 2, 3, 4 }, 3);
        writer.endRow();
        writer.finish();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(6);
        out.writeInt(8);
        out.writeLong(Double.doubleToRawLongBits(Double.NaN)); // fieldExact: NaN stays NaN
        out.writeInt(-1); // field: NaN goes as NULL
        out.writeInt(4);
        out.writeInt(-2);
        out.writeInt(2);
        out.writeShort(345);
        out.writeInt(4);
        out.writeFloat(0.25f);
        out.writeInt(3);
        out.write(new byte[] { 1, 2, 3 });
        out.writeShort(-1);
        assertThat(copy.bytes()).isEqualTo(expected.toByteArray());
    }

    @Test
    void writesTheHeaderOneRowPerCallAndTheTrailer() throws Exception {
        RecordingCopyIn copy = new RecordingCopyIn(1);
        BinaryCopyWriter writer = new BinaryCopyWriter(copy);

        customerRow(writer, 7, 3, "Zoë", new double[] { 1.5, Double.NaN }, new String[] { "Fé", null });
        long stored = writer.finish();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.write(SIGNATURE);
        out.writeInt(0); // flags
        out.writeInt(0); // header extension length
        out.writeShort(5); // fields
        out.writeInt(8);
        out.writeLong(7); // dataset_id bigint
        out.writeInt(4);
        out.writeInt(3); // row_no integer
        out.writeInt(4);
        out.write(new byte[] { 'Z', 'o', (byte) 0xc3, (byte) 0xab }); // "Zoë": four UTF-8 bytes, three chars
        out.writeInt(36); // float8[]: 20 bytes of header, 12 for 1.5, 4 for the NULL
        out.writeInt(1); // dimensions
        out.writeInt(1); // has nulls
        out.writeInt(701); // float8
        out.writeInt(2); // length
        out.writeInt(1); // lower bound
        out.writeInt(8);
        out.writeDouble(1.5);
        out.writeInt(-1); // NaN goes as NULL
        out.writeInt(31); // text[]: 20 bytes of header, 7 for "Fé", 4 for the NULL
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(25); // text
        out.writeInt(2);
        out.writeInt(1);
        out.writeInt(3);
        out.write(new byte[] { 'F', (byte) 0xc3, (byte) 0xa9 });
        out.writeInt(-1);
        out.writeShort(-1); // trailer
        assertThat(copy.bytes()).isEqualTo(expected.toByteArray());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void writesEmptyArraysWithNoDimensionsAndFlagsNullsOnlyWhenThereAreSome() throws Exception {
        RecordingCopyIn copy = new RecordingCopyIn(1);
        BinaryCopyWriter writer = new BinaryCopyWriter(copy);

        customerRow(writer, 1L << 40, -5, "", new double[0], new String[] { "a" });
        writer.finish();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(5);
        out.writeInt(8);
        out.writeLong(1L << 40);
        out.writeInt(4);
        out.writeInt(-5);
        out.writeInt(0); // the empty string is not NULL
        out.writeInt(12); // empty float8[]: dimensions 0, no nulls, element type, nothing else
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(701);
        out.writeInt(25);
        out.writeInt(1);
        out.writeInt(0); // no nulls
        out.writeInt(25);
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(1);
        out.write('a');
        out.writeShort(-1);
        assertThat(copy.bytes()).isEqualTo(expected.toByteArray());
    }

    @Test
    void sendsLargeLoadsInPiecesThatAddUpToTheWholeStream() throws Exception {
        RecordingCopyIn copy = new RecordingCopyIn(2_000);
        BinaryCopyWriter writer = new BinaryCopyWriter(copy);
        String id = "x".repeat(100);

        for (int i = 0; i < 2_000; i++) {
            customerRow(writer, 1, i, id, new double[] { i }, new String[0]);
        }
        writer.finish();

        // Header 19 bytes, trailer 2; per row 2 + 12 + 8 + 104 + (4 + 20 + 12) + (4 + 12) = 178.
        byte[] bytes = copy.bytes();
        assertThat(bytes).hasSize(19 + 2_000 * 178 + 2);
        // About 356 kB, sent in pieces rather than held until the end.
        assertThat(copy.writes()).isGreaterThan(1);
        ByteBuffer stream = ByteBuffer.wrap(bytes);
        int lastRow = 19 + 1_999 * 178;
        assertThat(stream.getShort(lastRow)).isEqualTo((short) 5);
        assertThat(stream.getInt(lastRow + 2 + 12 + 4)).isEqualTo(1_999);
        assertThat(stream.getDouble(lastRow + 2 + 12 + 8 + 104 + 4 + 20 + 4)).isEqualTo(1_999);
        assertThat(stream.getShort(bytes.length - 2)).isEqualTo((short) -1);
    }

    @Test
    void abortCancelsACopyStillInProgressOnly() throws Exception {
        RecordingCopyIn active = new RecordingCopyIn(0);
        RecordingCopyIn ended = new RecordingCopyIn(0);
        ended.active = false;

        new BinaryCopyWriter(active).abort();
        new BinaryCopyWriter(ended).abort();

        assertThat(active.cancelled).isTrue();
        assertThat(ended.cancelled).isFalse();
    }

    @Test
    void readsIntsTextDoublesAndTextArraysIncludingNulls() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(4); // a header extension the reader must skip
        out.writeInt(0xdeadbeef);
        out.writeShort(5);
        out.writeInt(4);
        out.writeInt(-42);
        byte[] name = "Łódź 東京".getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.writeInt(8);
        out.writeDouble(-0.125);
        out.writeInt(-1); // NULL float8
        out.writeInt(34); // text[] {"ä", NULL, ""}: 20 bytes of header, 6, 4 and 4
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(25);
        out.writeInt(3);
        out.writeInt(1);
        out.writeInt(2);
        out.write(new byte[] { (byte) 0xc3, (byte) 0xa4 });
        out.writeInt(-1);
        out.writeInt(0);
        out.writeShort(5);
        out.writeInt(4);
        out.writeInt(Integer.MAX_VALUE);
        out.writeInt(-1); // NULL text
        out.writeInt(8);
        out.writeDouble(Double.POSITIVE_INFINITY);
        out.writeInt(8);
        out.writeDouble(Double.MIN_VALUE);
        out.writeInt(12); // empty text[]
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(25);
        out.writeShort(-1);

        BinaryCopyReader reader = new BinaryCopyReader(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(reader.nextRow()).isTrue();
        assertThat(reader.readInt()).isEqualTo(-42);
        assertThat(reader.readText()).isEqualTo("Łódź 東京");
        assertThat(reader.readDouble()).isEqualTo(-0.125);
        assertThat(reader.readDouble()).isNaN();
        assertThat(reader.readTextArray()).containsExactly("ä", null, "");
        assertThat(reader.nextRow()).isTrue();
        assertThat(reader.readInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(reader.readText()).isNull();
        assertThat(reader.readDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(reader.readDouble()).isEqualTo(Double.MIN_VALUE);
        assertThat(reader.readTextArray()).isEmpty();
        assertThat(reader.nextRow()).isFalse();
    }

    @Test
    void roundTripsThroughPostgresql() throws Exception {
        String table = SCHEMA + ".customer_copy_" + ProcessHandle.current().pid();
        List<Row> rows = rows();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (dataset_id bigint NOT NULL, row_no integer NOT NULL, "
                    + "external_id text COLLATE \"C\" NOT NULL, numeric double precision[] NOT NULL, "
                    + "categorical text[] NOT NULL)");
            try {
                CopyIn copy = connection.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (dataset_id, row_no, external_id, numeric, categorical) FROM STDIN "
                            + "(FORMAT binary)");
                BinaryCopyWriter writer = new BinaryCopyWriter(copy);
                for (Row row : rows) {
                    customerRow(writer, 5_000_000_000L, row.rowNo(), row.externalId(), row.numeric(), row.categorical());
                }
                assertThat(writer.finish()).isEqualTo(rows.size());

                // What the server stored, asked in SQL rather than through the reader.
                assertThat(scalar(statement, "SELECT count(DISTINCT dataset_id) || ':' || min(dataset_id) FROM " + table))
                    .isEqualTo("1:5000000000");
                assertThat(scalar(statement, "SELECT external_id FROM " + table + " WHERE row_no = 0"))
                    .isEqualTo(rows.get(0).externalId());
                assertThat(scalar(statement, "SELECT count(*) FROM " + table
                        + " WHERE cardinality(numeric) >= 2 AND numeric[2] IS NULL"))
                    .isEqualTo(String.valueOf(rows.stream().filter(row -> row.numeric().length > 1
                            && Double.isNaN(row.numeric()[1])).count()));
                assertThat(scalar(statement, "SELECT count(*) FROM " + table + " WHERE numeric[2] = 'NaN'"))
                    .isEqualTo("0");
                assertThat(scalar(statement, "SELECT array_to_string(categorical, ',', '∅') FROM " + table
                        + " WHERE row_no = 0")).isEqualTo("Fé,∅,日本");

                String select = "COPY (SELECT row_no, external_id, numeric[1], numeric[2], numeric[3], categorical FROM "
                        + table + " ORDER BY row_no) TO STDOUT (FORMAT binary)";
                List<Row> read = new ArrayList<>();
                try (InputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), select)) {
                    BinaryCopyReader reader = new BinaryCopyReader(in);
                    while (reader.nextRow()) {
                        int rowNo = reader.readInt();
                        String externalId = reader.readText();
                        double[] numeric = { reader.readDouble(), reader.readDouble(), reader.readDouble() };
                        read.add(new Row(rowNo, externalId, numeric, reader.readTextArray()));
                    }
                }

                assertThat(read).hasSize(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    Row written = rows.get(i);
                    Row back = read.get(i);
                    assertThat(back.rowNo()).isEqualTo(written.rowNo());
                    assertThat(back.externalId()).isEqualTo(written.externalId());
                    // Slots past the end of a shorter array come back NULL, so NaN, like a missing value.
                    double[] padded = { Double.NaN, Double.NaN, Double.NaN };
                    System.arraycopy(written.numeric(), 0, padded, 0, written.numeric().length);
                    for (int j = 0; j < 3; j++) {
                        assertThat(Double.doubleToLongBits(back.numeric()[j])).as("row %d slot %d", i, j)
                            .isEqualTo(Double.doubleToLongBits(padded[j]));
                    }
                    assertThat(back.categorical()).as("row %d", i).containsExactly(written.categorical());
                }
            }
            finally {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private record Row(int rowNo, String externalId, double[] numeric, String[] categorical) {
    }

    /** A few hand-picked rows, then enough seeded ones to make the writer flush more than once. */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(0, "Zoë-Ünal 東京 😀", new double[] { 1.5, Double.NaN, -0.0 },
                new String[] { "Fé", null, "日本" }));
        rows.add(new Row(1, "plain", new double[] { Double.MAX_VALUE, Double.MIN_VALUE, Double.NEGATIVE_INFINITY },
                new String[0]));
        rows.add(new Row(2, "", new double[0], new String[] { null }));
        rows.add(new Row(3, "ascii " + "a".repeat(200_000), new double[] { 42 }, new String[] { "x".repeat(70_000) }));
        rows.add(new Row(4, "ü".repeat(100_000), new double[] { Double.NaN, Double.NaN, Double.NaN },
                new String[] { "", "é".repeat(40_000) }));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 5; i < 3_000; i++) {
            double[] numeric = { random.nextGaussian() * 100, random.nextInt(10) == 0 ? Double.NaN : random.nextDouble(),
                    i };
            String[] categorical = { random.nextBoolean() ? "Female" : "Male", random.nextInt(5) == 0 ? null : "Ärzte" };
            rows.add(new Row(i, "C" + i + (random.nextBoolean() ? "ß" : ""), numeric, categorical));
        }
        return rows;
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** The database the other tests fall back to without Docker: TEST_DATABASE_URL, else localhost as postgres. */
    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(env("TEST_DATABASE_URL").orElse("jdbc:postgresql://localhost:5432/postgres"),
                env("TEST_DATABASE_USERNAME").orElse("postgres"), env("TEST_DATABASE_PASSWORD").orElse(""));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    /** Keeps what the writer sends, as the driver's COPY channel would pass it on to the server. */
    private static final class RecordingCopyIn implements CopyIn {

        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        private final long rowsStored;

        private int writes;

        private boolean active = true;

        private boolean cancelled;

        RecordingCopyIn(long rowsStored) {
            this.rowsStored = rowsStored;
        }

        byte[] bytes() {
            return received.toByteArray();
        }

        int writes() {
            return writes;
        }

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            received.write(buf, off, siz);
            writes++;
        }

        @Override
        public void writeToCopy(ByteStreamWriter from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flushCopy() {
        }

        @Override
        public long endCopy() {
            active = false;
            return rowsStored;
        }

        @Override
        public int getFieldCount() {
            return 5;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void cancelCopy() {
            cancelled = true;
            active = false;
        }

        @Override
        public long getHandledRowCount() {
            return -1;
        }

    }

    /** A customer row as uploads write it: dataset_id, row_no, external_id, numeric, categorical. */
    private static void customerRow(BinaryCopyWriter writer, long datasetId, int rowNo, String externalId,
            double[] numeric, String[] categorical) throws SQLException {
        writer.startRow(5);
        writer.field(datasetId);
        writer.fieldInt(rowNo);
        writer.field(externalId);
        writer.field(numeric);
        writer.field(categorical);
        writer.endRow();
    }

}
