package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CsvDialectSniffingTests {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void recognisesUtf16WithoutAByteOrderMarkFromItsZeroBytes() {
        byte[] little = "id;city\n1;Zürich\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] big = "id;city\n1;Zürich\n".getBytes(StandardCharsets.UTF_16BE);

        CsvDialect le = sniff(little);
        CsvDialect be = sniff(big);

        assertThat(le.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(le.delimiter()).isEqualTo(';');
        assertThat(le.warnings()).singleElement().asString().contains("UTF-16LE", "without a byte-order mark");
        assertThat(be.charset()).isEqualTo(StandardCharsets.UTF_16BE);
        assertThat(be.delimiter()).isEqualTo(';');
    }

    @Test
    void aFewNulCharactersInUtf8DoNotMakeItUtf16() {
        byte[] utf8 = "id,name\n1,a\u0000b\n2,\u0000\n3,c\n".getBytes(StandardCharsets.UTF_8);

        CsvDialect dialect = sniff(utf8);

        assertThat(dialect.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(dialect.escapesStrayBytes()).isFalse();
        assertThat(dialect.warnings()).isEmpty();
    }

    @Test
    void utf8WithAStrayLatin1ByteStaysUtf8AndEscapesTheByte() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,city\n1,München\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("2,M\u00fcnster\n".getBytes(StandardCharsets.ISO_8859_1));

        CsvDialect dialect = sniff(bytes.toByteArray());

        assertThat(dialect.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(dialect.escapesStrayBytes()).isTrue();
        assertThat(dialect.warnings()).singleElement().asString().contains("1 byte", "encoding=windows-1252");
    }

    @Test
    void fallsBackToWindows1252WithAWarningOnlyWithoutMultiByteUtf8() {
        byte[] latin = "id,city\n1,Zürich\n2,Málaga\n".getBytes(WINDOWS_1252);

        CsvDialect dialect = sniff(latin);

        assertThat(dialect.charset()).isEqualTo(WINDOWS_1252);
        assertThat(dialect.escapesStrayBytes()).isFalse();
        assertThat(dialect.warnings()).singleElement().asString().contains("windows-1252", "encoding=");
    }

    @Test
    void aRequestedEncodingIsNeitherGuessedNorWarnedAbout() {
        byte[] latin = "id,city\n1,Zürich\n".getBytes(WINDOWS_1252);

        CsvDialect dialect = CsvDialect.sniff(latin, latin.length, true, StandardCharsets.ISO_8859_1, null);

        assertThat(dialect.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(dialect.warnings()).isEmpty();
    }

    private static CsvDialect sniff(byte[] bytes) {
        return CsvDialect.sniff(bytes, bytes.length, true, null, null);
    }

}
