package io.customersegments.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Binary COPY in and out on the current transaction's connection: a failed load cancels its COPY (so the
 * transaction can roll back), and driver failures become Spring's data-access exceptions.
 */
@Component
public class CopyStreams {

    /** Writes the rows of a {@code COPY ... FROM STDIN (FORMAT binary)}, and answers what it made of them. */
    @FunctionalInterface
    public interface Writing<T> {

        T write(BinaryCopyWriter writer) throws IOException, SQLException;

    }

    /** Reads the rows of a {@code COPY (...) TO STDOUT (FORMAT binary)}. */
    @FunctionalInterface
    public interface Reading {

        void read(BinaryCopyReader reader) throws IOException, SQLException;

    }

    private final DataSource dataSource;

    private final SQLExceptionTranslator sqlExceptions = new SQLStateSQLExceptionTranslator();

    public CopyStreams(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param table the table to load
     * @param columns the columns the rows give, in order
     * @param source what the rows are read from, for the message of an I/O failure ("the upload")
     */
    public <T> T in(String table, String columns, String source, Writing<T> writing) {
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)";
        Connection connection = DataSourceUtils.getConnection(dataSource);
        BinaryCopyWriter writer = null;
        try {
            writer = new BinaryCopyWriter(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
            return writing.write(writer);
        }
        catch (SQLException ex) {
            BinaryCopyWriter.abortQuietly(writer);
            throw sqlExceptions.translate("COPY into " + table, sql, ex);
        }
        catch (IOException ex) {
            BinaryCopyWriter.abortQuietly(writer);
            throw new UncheckedIOException("Reading " + source + " failed", ex);
        }
        catch (RuntimeException | Error ex) {
            // An Error too (an OutOfMemoryError, say): a COPY left open holds the connection's lock, and the rollback
            // that follows would wait on it for ever.
            BinaryCopyWriter.abortQuietly(writer);
            throw ex;
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * @param query the rows to read
     * @param what what is read, for messages ("dataset 7")
     */
    public void out(String query, String what, Reading reading) {
        String sql = "COPY (" + query + ") TO STDOUT (FORMAT binary)";
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (InputStream rows = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql)) {
            reading.read(new BinaryCopyReader(rows));
        }
        catch (SQLException ex) {
            throw sqlExceptions.translate("Reading " + what, sql, ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading " + what + " failed", ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

}
